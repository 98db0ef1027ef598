/// Pixel format conversions into the 8-bit grey that OCR takes.
enum GrayConversion {
    /// Chroma (largest minus smallest channel) from which a pixel starts to count as coloured
    /// ink, and the width of the ramp over which it fades to paper.
    static let chromaStart: UInt32 = 48
    static let chromaRamp: UInt32 = 48

    /// Luma (ITU-R BT.601 weights) of cairo's native-endian 32-bit xRGB pixels. With
    /// `colorFilter`, strongly coloured pixels (red seals, blue signatures and stamps) fade to
    /// white by their chroma, while black and grey print, and black print under a seal (dark,
    /// so of low chroma), stay as they are. `colored` counts the pixels the filter lightened.
    static func gray(
        fromXRGB data: UnsafeRawPointer, width: Int, height: Int, stride: Int, colorFilter: Bool = false
    ) -> (pixels: [UInt8], colored: Int) {
        var colored = 0
        let pixels = [UInt8](unsafeUninitializedCapacity: width * height) { out, count in
            for y in 0..<height {
                let row = (data + y * stride).assumingMemoryBound(to: UInt32.self)
                let base = y * width
                for x in 0..<width {
                    let p = row[x]
                    let r = (p >> 16) & 0xFF
                    let g = (p >> 8) & 0xFF
                    let b = p & 0xFF
                    var luma = (r * 77 + g * 150 + b * 29 + 128) >> 8
                    if colorFilter {
                        let chroma = max(r, g, b) - min(r, g, b)
                        if chroma > chromaStart {
                            let s = min(chroma - chromaStart, chromaRamp)
                            luma += ((255 - luma) * s + chromaRamp / 2) / chromaRamp
                            colored += 1
                        }
                    }
                    out[base + x] = UInt8(truncatingIfNeeded: luma)
                }
            }
            count = width * height
        }
        return (pixels, colored)
    }
}
