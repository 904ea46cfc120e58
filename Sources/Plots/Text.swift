import RealModule
/// Escapes text for XML content and attribute values. Characters XML 1.0 forbids (control
/// characters other than tab, line feed, carriage return) become spaces.
func xmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\t", "\n", "\r": out += " "
        default:
            if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                out += " "
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

/// Approximate advance width of a character in em, modelled on DejaVu Sans (the usual
/// sans-serif on Linux and among the widest), so layouts err on the roomy side.
private func advance(_ c: Unicode.Scalar) -> Double {
    switch c {
    case "i", "j", "l", "'", "|", "!", ".", ",", ":", ";": return 0.30
    case " ": return 0.32
    case "f", "t", "r", "(", ")", "[", "]", "{", "}", "-", "/", "\\", "I": return 0.41
    case "m", "w", "M", "W", "@", "%": return 0.95
    case "0"..."9": return 0.64
    case "A"..."Z": return 0.72
    case "a"..."z": return 0.61
    case "=", "+", "<", ">", "~", "×", "−": return 0.84
    default:
        let v = c.value
        if (0x300...0x36F).contains(v) { return 0 }  // combining marks
        if (0x2070...0x209F).contains(v) || v == 0xB2 || v == 0xB3 || v == 0xB9 { return 0.40 }  // super/subscripts
        if v >= 0x2E80 { return 1.0 }  // CJK and wider
        return 0.64
    }
}

/// Estimated rendered width in pixels of `text` at font size `size`.
func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
    var em = 0.0
    for scalar in text.unicodeScalars { em += advance(scalar) }
    return em * size * (bold ? 1.08 : 1.0)
}

/// `text` shortened with an ellipsis so that it fits `maxWidth` pixels.
func truncated(_ text: String, size: Double, maxWidth: Double, bold: Bool = false) -> String {
    if textWidth(text, size: size, bold: bold) <= maxWidth { return text }
    var chars = Array(text)
    while !chars.isEmpty && textWidth(String(chars) + "…", size: size, bold: bold) > maxWidth {
        chars.removeLast()
    }
    return chars.isEmpty ? "" : String(chars) + "…"
}

/// An SVG coordinate: at most two decimals, no exponent, clamped to a sane range.
func fmt(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let clamped = max(-1e7, min(1e7, value))
    return decimal(clamped, digits: 2, trimZeros: true)
}

/// `value` with exactly `digits` decimals (or fewer with `trimZeros`), without Foundation.
func decimal(_ value: Double, digits: Int, trimZeros: Bool = false) -> String {
    let digits = max(0, min(digits, 12))
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaledValue = (value * scale).rounded()
    guard scaledValue.isFinite, abs(scaledValue) < 9e18 else { return "\(value)" }
    let scaled = Int64(scaledValue)
    let sign = scaled < 0 ? "-" : ""
    let magnitude = scaled.magnitude
    let divisor = UInt64(scale)
    let integerPart = magnitude / divisor
    var fraction = digits == 0 ? "" : String(magnitude % divisor)
    if digits > 0 {
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
    }
    return sign + String(integerPart) + (fraction.isEmpty ? "" : "." + fraction)
}

private let superscriptDigits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

/// "10³", "10⁻²".
func powerOfTen(_ exponent: Int) -> String {
    var out = "10"
    if exponent < 0 { out += "⁻" }
    for digit in String(exponent.magnitude) {
        out.append(superscriptDigits[Int(String(digit))!])
    }
    return out
}

/// Label of the decade 10^k: "0.01", "1", "10", "1k", "100k", "1M" when every labelled
/// exponent lies in -3...6 (`compact`), otherwise "10ᵏ".
func decadeLabel(_ exponent: Int, compact: Bool) -> String {
    guard compact else { return powerOfTen(exponent) }
    switch exponent {
    case ..<0: return "0." + String(repeating: "0", count: -exponent - 1) + "1"
    case 0...2: return "1" + String(repeating: "0", count: exponent)
    case 3...5: return "1" + String(repeating: "0", count: exponent - 3) + "k"
    default: return "1" + String(repeating: "0", count: exponent - 6) + "M"
    }
}

/// Labels for linear ticks `values` spaced `step` apart: the fewest decimals that tell them
/// apart, "k"/"M"/"G" suffixes for large round numbers, and "2e-5"-style for tiny ones.
func linearTickLabels(_ values: [Double], step: Double) -> [String] {
    let largest = values.map { abs($0) }.max() ?? 0
    var divisor = 1.0, suffix = ""
    for (d, s) in [(1e9, "G"), (1e6, "M"), (1e3, "k")] where largest >= 10 * d && step >= d / 100 {
        divisor = d; suffix = s; break
    }
    let stepExponent = Int((Double.log10(step / divisor) + 1e-9).rounded(.down))
    let decimals = max(0, -stepExponent)
    if decimals > 5 {
        // All-zero ticks (a flat series at 0, a tiny panel) have no exponent of their own.
        let exponent = largest > 0 ? Int((Double.log10(largest) + 1e-9).rounded(.down)) : stepExponent
        let mantissaDecimals = max(0, exponent - stepExponent)
        return values.map { value in
            if value == 0 { return "0" }
            return minusSign(decimal(value / Double.pow(10, Double(exponent)), digits: mantissaDecimals)) + "e" + String(exponent)
        }
    }
    return values.map { value in
        let text = decimal(value / divisor, digits: decimals)
        if text == "0" || text == "-0" || Double(text) == 0 { return "0" }
        return minusSign(text + suffix)
    }
}

/// A typographic minus instead of a hyphen in front of negative numbers.
private func minusSign(_ text: String) -> String {
    text.hasPrefix("-") ? "−" + text.dropFirst() : text
}
