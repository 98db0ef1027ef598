import Foundation
import Ingest
import Pipeline
import TestSupport
import XCTest

/// The one page scheduler: pages of a real scanned sample through `PageProcessor` on
/// `PageExecutor`, in parallel and in order.
final class PageExecutorTests: XCTestCase {
    private let sample = Fixtures.sample("001-bacgiang-2022-scanned.pdf")

    func testPagesComeBackInOrderWithTheSameTextWhateverTheWorkers() throws {
        let tasks = (0..<2).map { PageTask(url: sample, index: $0) }
        let processor = PageProcessor(renderDPI: 150)
        var texts: [[String]] = []
        for workers in [1, 2] {
            let executor = PageExecutor(workers: workers, processor: processor)
            defer { executor.shutdown() }
            let pages = try executor.run(tasks).map { try $0.get().page }
            XCTAssertEqual(pages.map(\.number), [1, 2])
            XCTAssertTrue(pages.allSatisfy { $0.method == .ocr })
            XCTAssertTrue(pages.allSatisfy { $0.preprocessing.contains("smooth") }, "\(pages.map(\.preprocessing))")
            texts.append(pages.map(\.text))
        }
        XCTAssertEqual(texts[0], texts[1])
        XCTAssertTrue(texts[0][0].contains("KẾ HOẠCH"), texts[0][0])
    }

    func testOnePageFunctionReadsTextLayersWithoutAnEngineAndReportsCancellation() throws {
        let text = Fixtures.sample("003-laocai-2024-text.pdf")
        var state = PageProcessor.WorkerState()
        let result = try PageProcessor().process(PageTask(url: text, index: 0), state: &state)
        XCTAssertEqual(result.page.method, .textLayer)
        XCTAssertEqual(result.page.preprocessing, [])
        XCTAssertEqual(result.ocrSeconds, 0)

        let cancelled = PageProcessor(isCancelled: { true })
        XCTAssertThrowsError(try cancelled.process(PageTask(url: sample, index: 0), state: &state)) { error in
            XCTAssertEqual("\(error)", "\(VietdocError.cancelled)")
        }
    }

    func testJobsAreCappedAtTwiceTheCoresAndThirtyTwo() {
        XCTAssertEqual(PageExecutor.workerCount(forJobs: 0, cores: 8), 1)
        XCTAssertEqual(PageExecutor.workerCount(forJobs: 3, cores: 8), 3)
        XCTAssertEqual(PageExecutor.workerCount(forJobs: 32, cores: 2), 4)
        XCTAssertEqual(PageExecutor.workerCount(forJobs: 1000, cores: 64), 32)
        XCTAssertEqual(ConversionOptions(jobs: 1000).jobs, PageExecutor.workerCount(forJobs: 1000))
    }
}
