import Foundation
import OCR

/// A fixed set of worker threads, each owning one OCR engine that is created once and reused
/// for every page it reads. Pages from any number of documents are queued first-in first-out.
public final class OCRWorkerPool: @unchecked Sendable {
    /// The outcome of one page: its text (or a failure) and the seconds OCR took.
    public typealias Completion = (Result<PageText, Error>, TimeInterval) -> Void

    private struct Job {
        let image: GrayImage
        let pageNumber: Int
        let completion: Completion
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var head = 0
    private var closed = false
    private var running = 0
    private let deadline: TimeInterval
    private let isCancelled: @Sendable () -> Bool

    /// Creates `workers` engines (failing at once if the language data is missing) and starts
    /// their threads. `isCancelled` is polled during recognition so that Ctrl-C stops a page.
    public init(
        workers: Int, languages: String, dataPath: String?, maxPixels: Int, deadline: TimeInterval,
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws {
        self.deadline = deadline
        self.isCancelled = isCancelled
        let engines = try (0..<max(1, workers)).map { _ in
            try OCREngine(languages: languages, dataPath: dataPath, maxPixels: maxPixels)
        }
        running = engines.count
        for (index, engine) in engines.enumerated() {
            let thread = Thread { [self] in self.work(engine) }
            thread.name = "vietdoc-ocr-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Queues a page; `completion` runs on a worker thread when it is read.
    public func submit(_ image: GrayImage, pageNumber: Int, completion: @escaping Completion) {
        condition.lock()
        queue.append(Job(image: image, pageNumber: pageNumber, completion: completion))
        condition.signal()
        condition.unlock()
    }

    /// Lets the workers finish the queued pages, then stops them and waits for them to end.
    public func shutdown() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work(_ engine: OCREngine) {
        while let job = next() {
            let start = Date()
            let result = Result {
                try engine.recognize(
                    job.image, pageNumber: job.pageNumber, deadline: deadline, isCancelled: isCancelled)
            }
            job.completion(result, Date().timeIntervalSince(start))
        }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count && !closed { condition.wait() }
        guard head < queue.count else { return nil }
        let job = queue[head]
        head += 1
        if head > 64 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return job
    }
}
