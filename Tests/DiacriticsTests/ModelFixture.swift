import Diacritics
import Foundation
import TestSupport
import XCTest

/// The real model in dictionaries/, loaded once for all tests.
enum ModelFixture {
    static let model: DiacriticModel = {
        do { return try DiacriticModel.load(from: Fixtures.dictionaries) } catch {
            fatalError("cannot load the model from \(Fixtures.dictionaries.path): \(error)")
        }
    }()
    static let restorer = Restorer(model: model)

    /// A temporary folder holding copies of the named files of dictionaries/ (the caller removes it).
    static func copy(_ files: [String], label: String) throws -> URL {
        let dir = try Fixtures.temporaryDirectory(label)
        for name in files {
            try FileManager.default.copyItem(
                at: Fixtures.dictionaries.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    static func restore(_ line: String, _ regime: TextRegime) -> String {
        restorer.restoreLine(line, regime: regime).text
    }
}
