import Foundation
import XCTest

/// Golden comparisons that read well when they fail: values are compared as lines
/// (`path = value` for JSON records, the lines of a text), what the project decides exactly,
/// numbers that come from an engine (tesseract's confidences and boxes) within a tolerance,
/// and a failure prints a line diff (`-` golden, `+` this run), not a dump.
public enum Golden {
    /// Tolerances by key for numbers an engine produces: a tesseract or leptonica upgrade moves
    /// them a little without anything vietdoc decides having changed.
    public static let engineTolerances: [String: Double] = [
        "mean_confidence": 1.0, "ocr_mean_confidence": 1.0, "confidence": 5.0,
        "x": 3, "y": 3, "width": 3, "height": 3,
    ]

    /// A JSON value as one `path = value` line per leaf, keys sorted: `pages[0].number = 1`.
    public static func lines(ofJSON value: Any, path: String = "") -> [String] {
        switch value {
        case let object as [String: Any]:
            if object.isEmpty { return ["\(path) = {}"] }
            return object.keys.sorted().flatMap { key in
                lines(ofJSON: object[key]!, path: path.isEmpty ? key : "\(path).\(key)")
            }
        case let array as [Any]:
            if array.isEmpty { return ["\(path) = []"] }
            return array.enumerated().flatMap { i, element in lines(ofJSON: element, path: "\(path)[\(i)]") }
        case is NSNull:
            return ["\(path) = null"]
        case let string as String:
            return ["\(path) = \(quoted(string))"]
        default:
            return ["\(path) = \(value)"]
        }
    }

    /// Two lines match when equal, or when they hold the same engine number within its tolerance.
    public static func match(_ a: String, _ b: String, tolerances: [String: Double] = engineTolerances) -> Bool {
        if a == b { return true }
        guard let (pathA, valueA) = split(a), let (pathB, valueB) = split(b), pathA == pathB,
            let key = pathA.split(separator: ".").last.map({ String($0.prefix { $0 != "[" }) }),
            let tolerance = tolerances[key], let x = Double(valueA), let y = Double(valueB)
        else { return false }
        return abs(x - y) <= tolerance
    }

    /// A unified-style diff of two line lists under `match`, with `context` lines around each
    /// change; nil when they match.
    public static func diff(
        actual: [String], expected: [String], context: Int = 2, match: (String, String) -> Bool = { $0 == $1 }
    ) -> String? {
        let n = expected.count
        let m = actual.count
        // Longest common subsequence table, from the end.
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = match(expected[i], actual[j]) ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var ops: [(Character, String)] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, match(expected[i], actual[j]) {
                ops.append((" ", actual[j]))
                i += 1
                j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                ops.append(("-", expected[i]))
                i += 1
            } else {
                ops.append(("+", actual[j]))
                j += 1
            }
        }
        let changed = ops.indices.filter { ops[$0].0 != " " }
        guard !changed.isEmpty else { return nil }
        var shown = IndexSet()
        for k in changed { shown.insert(integersIn: max(0, k - context)...min(ops.count - 1, k + context)) }
        var out: [String] = []
        var previous: Int?
        for k in shown {
            if let p = previous, k > p + 1 { out.append("…") }
            out.append("\(ops[k].0) \(ops[k].1)")
            previous = k
        }
        return out.joined(separator: "\n")
    }

    private static func split(_ line: String) -> (String, String)? {
        guard let r = line.range(of: " = ") else { return nil }
        return (String(line[..<r.lowerBound]), String(line[r.upperBound...]))
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\u{0C}": out += "\\f"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}

/// Fails with a line diff (`-` expected, `+` actual) when two texts differ.
public func assertEqualLines(
    _ actual: String, _ expected: String, _ what: String, file: StaticString = #filePath, line: UInt = #line
) {
    let a = actual.components(separatedBy: "\n")
    let e = expected.components(separatedBy: "\n")
    if let diff = Golden.diff(actual: a, expected: e) {
        XCTFail("\(what) differs (- golden, + this run):\n\(diff)", file: file, line: line)
    }
}

/// Fails with a line diff of `path = value` lines when two JSON values differ in anything but
/// engine numbers within `Golden.engineTolerances`.
public func assertMatchesGolden(
    json actual: Any, _ expected: Any, _ what: String, file: StaticString = #filePath, line: UInt = #line
) {
    let a = Golden.lines(ofJSON: actual)
    let e = Golden.lines(ofJSON: expected)
    if let diff = Golden.diff(actual: a, expected: e, match: { Golden.match($0, $1) }) {
        XCTFail("\(what) differs (- golden, + this run):\n\(diff)", file: file, line: line)
    }
}
