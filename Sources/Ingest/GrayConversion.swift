/// Pixel format conversions into the 8-bit grey that OCR takes.
enum GrayConversion {
    /// Luma (ITU-R BT.601 weights) of cairo's native-endian 32-bit xRGB pixels.
    static func gray(fromXRGB data: UnsafeRawPointer, width: Int, height: Int, stride: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: width * height) { out, count in
            for y in 0..<height {
                let row = (data + y * stride).assumingMemoryBound(to: UInt32.self)
                let base = y * width
                for x in 0..<width {
                    let p = row[x]
                    let r = (p >> 16) & 0xFF
                    let g = (p >> 8) & 0xFF
                    let b = p & 0xFF
                    out[base + x] = grayDroppingRed(r: r, g: g, b: b)
                }
            }
            count = width * height
        }
    }

    /// Luma, except that strongly red pixels (the round seal, red stamps) take their red
    /// channel, which is as light as the paper: the seal that covers a signature block
    /// vanishes and the black text under it stays. Black, grey and blue ink keep their luma.
    @inline(__always)
    static func grayDroppingRed(r: UInt32, g: UInt32, b: UInt32) -> UInt8 {
        if r > 110 && r > max(g, b) + 50 { return UInt8(truncatingIfNeeded: r) }
        return UInt8(truncatingIfNeeded: (r * 77 + g * 150 + b * 29 + 128) >> 8)
    }
}
