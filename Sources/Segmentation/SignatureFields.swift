import Foundation
import VietdocCore

/// The digital signatures of a PDF's own signature fields (`PageText.signatureFields`) beside
/// those read from overlays: one entry per signer and signing instant, and none for a field
/// whose instant an overlay on its page already states (the overlay is its visible face).
enum SignatureFields {
    static func merged(overlays: [DigitalSignature], pages: [PageText]) -> [DigitalSignature] {
        let stated = Set(overlays.compactMap { s in instant(s.signingTime).map { Stated(page: s.page, instant: $0) } })
        var seen = Set<String>()
        var out = overlays
        for field in pages.flatMap(\.signatureFields) {
            let when = instant(field.signingTime)
            if let when, stated.contains(Stated(page: field.page, instant: when)) { continue }
            let key = "\(field.signedBy ?? "")|\(when.map { "\($0)" } ?? field.signingTime ?? "")"
            guard seen.insert(key).inserted else { continue }
            out.append(field)
        }
        return out
    }

    private struct Stated: Hashable {
        var page: Int
        var instant: Int
    }

    /// Seconds since 1970 of an ISO 8601 time with its offset ("2024-03-18T08:41:42+07:00").
    static func instant(_ iso: String?) -> Int? {
        guard let iso else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: iso).map { Int($0.timeIntervalSince1970) }
    }
}
