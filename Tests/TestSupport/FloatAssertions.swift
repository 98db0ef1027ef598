import XCTest

/// Asserts that two arrays of floats have the same length and agree element by element within
/// `accuracy`, reporting each element that differs.
public func XCTAssertEqual(
    _ a: [Float], _ b: [Float], accuracy: Float, _ message: @autoclosure () -> String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(a.count, b.count, message(), file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, message(), file: file, line: line) }
}
