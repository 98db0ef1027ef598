import Foundation
import Ingest
import OCR

/// One page to read: which file, which 0-based page.
public struct PageTask: Hashable, Sendable {
    public let url: URL
    public let index: Int

    public init(url: URL, index: Int) {
        self.url = url
        self.index = index
    }
}

/// The bounded executor every page of every document goes through (`convert`, `eval ocr`,
/// `bench ocr`): a fixed set of worker threads, each owning one OCR engine (created on its
/// first image page and reused) and the readers of the documents it is working on. A worker
/// takes a task, runs `PageProcessor.process` on it (render or decode, preprocess, OCR) and
/// drops the page image before taking the next, so at most one page image per worker is alive:
/// memory is bounded by `workers` page images whatever the batch or document size. Tasks are
/// queued first-in first-out; a queued task holds no image.
public final class PageExecutor: @unchecked Sendable {
    /// The outcome of one task, told on the worker thread that ran it.
    public typealias Completion = @Sendable (Result<PageResult, Error>) -> Void

    /// The most workers an executor runs: more engines than this only add memory (each holds
    /// its language model and one page image) on any machine vietdoc targets.
    public static let maxWorkers = 32

    /// The worker count for a requested `--jobs`: at least 1, at most `maxWorkers`, and not
    /// more than twice the cores (tesseract is CPU-bound; extra workers only wait).
    public static func workerCount(forJobs jobs: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> Int
    {
        min(max(jobs, 1), maxWorkers, max(2 * cores, 1))
    }

    private struct Job {
        let task: PageTask
        let completion: Completion
    }

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var head = 0
    private var closed = false
    private var running = 0
    public let workers: Int
    private let processor: PageProcessor

    /// Starts `workers` threads. Engines are created on each worker's first image page; a
    /// missing language fails that page's task with `.missingDependency`.
    public init(workers: Int, processor: PageProcessor) {
        self.workers = max(1, workers)
        self.processor = processor
        running = self.workers
        for index in 0..<self.workers {
            let thread = Thread { [self] in self.work() }
            thread.name = "vietdoc-page-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Queues a page; `completion` runs on a worker thread when it is done.
    public func submit(_ task: PageTask, completion: @escaping Completion) {
        condition.lock()
        queue.append(Job(task: task, completion: completion))
        condition.signal()
        condition.unlock()
    }

    /// Runs the tasks and returns their results in task order; the caller's thread waits.
    /// `onEach` is told of every finished task with its result, on the worker that ran it (for
    /// progress, and to keep finished pages).
    public func run(
        _ tasks: [PageTask], onEach: @escaping @Sendable (PageTask, Result<PageResult, Error>) -> Void = { _, _ in }
    ) -> [Result<PageResult, Error>] {
        let results = ResultSlots(count: tasks.count)
        let group = DispatchGroup()
        for (i, task) in tasks.enumerated() {
            group.enter()
            submit(task) { result in
                results.set(i, result)
                onEach(task, result)
                group.leave()
            }
        }
        group.wait()
        return results.all
    }

    /// Lets the workers finish the queued pages, then stops them and waits for them to end.
    public func shutdown() {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work() {
        processJobs()
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Runs jobs until the executor is closed. The worker's OCR engine and open readers end
    /// with this call, before the worker counts itself out: `shutdown` must not return (and the
    /// process exit, tearing down tesseract's and poppler's globals) while a worker is still
    /// deleting its engine.
    private func processJobs() {
        var state = PageProcessor.WorkerState()
        while let job = next() {
            let result = Result { try processor.process(job.task, state: &state) }
            job.completion(result)
        }
    }

    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count && !closed { condition.wait() }
        guard head < queue.count else { return nil }
        let job = queue[head]
        head += 1
        // Finished jobs are dropped in batches; they hold only a URL and a closure.
        if head > 64 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return job
    }
}

/// Results that arrive in any order, kept by index.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<PageResult, Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<PageResult, Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var all: [Result<PageResult, Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .failure(VietdocError.cancelled) }
    }
}
