// swift-tools-version:5.10
// vietdoc — scanned Vietnamese administrative plans to accented text and plan records.
// Licence: GPL-3.0-or-later (links poppler).
import PackageDescription

let package = Package(
    name: "vietdoc",
    platforms: [.macOS("15.0")],  // Synchronization.Mutex
    products: [
        .executable(name: "vietdoc", targets: ["vietdoc"]),
        .library(name: "VietdocPipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // MARK: C libraries (system-library targets found through pkg-config)
        .systemLibrary(
            name: "CTesseract", path: "Sources/CTesseract", pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev"])]),
        .systemLibrary(
            name: "CLeptonica", path: "Sources/CLeptonica", pkgConfig: "lept",
            providers: [.apt(["libleptonica-dev"])]),
        .systemLibrary(
            name: "CPoppler", path: "Sources/CPoppler", pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]),
        .systemLibrary(
            name: "CQPDF", path: "Sources/CQPDF", pkgConfig: "libqpdf", providers: [.apt(["libqpdf-dev"])]),

        // MARK: Core: shared value types, errors, text utilities, metrics
        .target(name: "VietdocCore", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),

        // MARK: Stages (each depends on the core only)
        .target(name: "Ingest", dependencies: ["VietdocCore", "CPoppler", "CLeptonica", "CQPDF"]),
        .target(name: "OCR", dependencies: ["VietdocCore", "CTesseract", "CLeptonica"]),
        .target(name: "Layout", dependencies: ["VietdocCore"]),
        .target(name: "Diacritics", dependencies: ["VietdocCore"]),
        .target(name: "Segmentation", dependencies: ["VietdocCore"]),
        .target(name: "Records", dependencies: ["VietdocCore"]),
        .target(name: "SearchablePDF", dependencies: ["VietdocCore", "CQPDF"]),
        .target(
            name: "Catalog",
            dependencies: ["VietdocCore", .product(name: "GRDB", package: "GRDB.swift")]),

        // MARK: Pipeline: composes the stages, owns concurrency and error policy
        .target(
            name: "Pipeline",
            dependencies: [
                "VietdocCore", "Ingest", "OCR", "Layout", "Diacritics", "Segmentation", "Records", "Catalog",
                "SearchablePDF",
                .product(name: "Logging", package: "swift-log"),
            ]),

        // MARK: CLI
        .executableTarget(
            name: "vietdoc",
            dependencies: [
                "Pipeline", "VietdocCore", "Ingest", "OCR", "Layout", "Diacritics", "Segmentation", "Records",
                "Catalog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // MARK: Tests (mirror the modules)
        .target(name: "TestSupport", dependencies: ["VietdocCore"], path: "Tests/TestSupport"),
        .testTarget(name: "VietdocCoreTests", dependencies: ["VietdocCore", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "TestSupport"]),
        .testTarget(name: "OCRTests", dependencies: ["OCR", "Ingest", "TestSupport"]),
        .testTarget(name: "LayoutTests", dependencies: ["Layout", "Ingest", "OCR", "TestSupport"]),
        .testTarget(
            name: "DiacriticsTests",
            dependencies: ["Diacritics", "TestSupport", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Fixtures"]),
        .testTarget(name: "SegmentationTests", dependencies: ["Segmentation", "TestSupport"]),
        .testTarget(name: "RecordsTests", dependencies: ["Records", "TestSupport"]),
        .testTarget(name: "SearchablePDFTests", dependencies: ["SearchablePDF", "TestSupport", "CPoppler"]),
        .testTarget(
            name: "CatalogTests",
            dependencies: ["Catalog", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Ingest", "Records", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "Catalog"]),
    ]
)
