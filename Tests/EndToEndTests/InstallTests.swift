import Foundation
import TestSupport
import XCTest

/// `scripts/install` into a temporary prefix, then the installed program run from another
/// folder: it must find its model beside itself (`../share/vietdoc`) and convert as the
/// checkout's binary does. The already-built binary is installed (`--binary`) to save a
/// release build; everything else is the real script.
final class InstallTests: XCTestCase {
    func testInstalledProgramConvertsFromAnyFolderWithItsModelAndCompletions() throws {
        let root = try Fixtures.temporaryDirectory("install")
        defer { try? FileManager.default.removeItem(at: root) }
        let prefix = root.appendingPathComponent("prefix")
        var environment = ProcessInfo.processInfo.environment
        environment["VIETDOC_DICTIONARIES"] = nil
        let install = try runCommand(
            URL(fileURLWithPath: "/bin/bash"),
            [
                Fixtures.repositoryRoot.appendingPathComponent("scripts/install").path, "--binary",
                Fixtures.vietdocBinary.path, prefix.path,
            ], environment: environment, currentDirectory: root)
        XCTAssertEqual(install.status, 0, install.stderr)
        XCTAssertTrue(install.stdout.contains("installed vietdoc"), install.stdout)

        let share = prefix.appendingPathComponent("share")
        for (file, marker) in [
            ("bash-completion/completions/vietdoc", "complete"), ("zsh/site-functions/_vietdoc", "#compdef vietdoc"),
            ("fish/vendor_completions.d/vietdoc.fish", "complete -c 'vietdoc'"),
        ] {
            let script = try String(contentsOf: share.appendingPathComponent(file), encoding: .utf8)
            XCTAssertTrue(script.contains(marker), "\(file) does not look like a \(marker) completion script")
        }

        // A sample copied to a folder with no dictionaries/ above it, converted from there.
        let work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let stem = "000-laocai-2023-ocr"
        try FileManager.default.copyItem(
            at: Fixtures.sample("\(stem).txt"), to: work.appendingPathComponent("\(stem).txt"))
        let convert = try runCommand(
            prefix.appendingPathComponent("bin/vietdoc"), ["convert", "\(stem).txt", "-o", "out"],
            environment: environment, currentDirectory: work)
        XCTAssertEqual(convert.status, 0, convert.stderr)
        let text = try String(contentsOf: work.appendingPathComponent("out/\(stem).txt"), encoding: .utf8)
        let golden = try String(
            contentsOf: Fixtures.repositoryRoot.appendingPathComponent("Tests/Golden/\(stem).txt"), encoding: .utf8)
        XCTAssertEqual(text, golden)
    }
}
