import XCTest

// Placeholder so the target builds until its module's tests land; delete when adding tests.
final class EndToEndTestsPlaceholder: XCTestCase {}
