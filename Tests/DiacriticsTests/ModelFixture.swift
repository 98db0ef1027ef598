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

    static func restore(_ line: String, _ regime: TextRegime) -> String {
        restorer.restoreLine(line, regime: regime).text
    }
}
