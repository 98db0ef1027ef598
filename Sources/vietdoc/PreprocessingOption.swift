import ArgumentParser
import Ingest

/// The `--no-…` flags that turn preprocessing steps off, shared by the commands that OCR.
struct PreprocessingOption: ParsableArguments {
    @Flag(name: .customLong("no-color-filter"), help: "Keep red seals and blue ink in the grey page.")
    var noColorFilter = false

    @Flag(name: .customLong("no-smooth"), help: "Do not smooth scanned pages before OCR.")
    var noSmooth = false

    @Flag(name: .customLong("no-upscale"), help: "Do not scale pages below 250 dpi up to 300 dpi.")
    var noUpscale = false

    @Flag(name: .customLong("no-deskew"), help: "Do not correct skew.")
    var noDeskew = false

    @Flag(name: .customLong("no-orientation"), help: "Do not turn pages that are upside down or at 90°.")
    var noOrientation = false

    var preprocessing: Preprocessing {
        Preprocessing(
            colorFilter: !noColorFilter, smooth: !noSmooth, upscale: !noUpscale, deskew: !noDeskew,
            orientation: !noOrientation)
    }
}
