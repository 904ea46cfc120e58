import RealModule
/// A tick mark: its value, an optional label, and whether it is a major tick.
struct Tick {
    var value: Double
    var label: String?
    var major: Bool
}

/// Maps data values to pixels along one axis.
struct AxisMap {
    var scale: AxisScale
    /// The data interval shown, lo < hi (both positive on a log axis).
    var lo: Double
    var hi: Double
    /// Pixel positions of `lo` and `hi`.
    var start: Double
    var end: Double
    /// On a log axis: the pixel position of the value 0, if the axis has a "0" slot.
    var zeroAt: Double? = nil

    /// The pixel of `value`, or `nil` when the axis has no place for it: not finite, or not
    /// positive on a log axis (except 0 in a "0" slot). Far-off values are clamped to ±10⁶ pixels,
    /// where the clip path hides them.
    func position(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let t: Double
        switch scale {
        case .linear:
            t = (value - lo) / (hi - lo)
        case .logarithmic:
            if value == 0, let zeroAt { return zeroAt }
            guard value > 0 else { return nil }
            t = (Double.log10(value) - Double.log10(lo)) / (Double.log10(hi) - Double.log10(lo))
        }
        let p = start + t * (end - start)
        return p.isFinite ? max(-1e6, min(1e6, p)) : nil
    }

    var length: Double { abs(end - start) }
}

/// 1, 2 or 5 × 10^k, the smallest such step at least `raw`.
func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let magnitude = Double.pow(10, Double.log10(raw).rounded(.down))
    let fraction = raw / magnitude
    let nice: Double = fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10
    return nice * magnitude
}

/// Multiples of a 1-2-5 step inside [lo, hi], about `target` of them (never more than target + 1).
func linearTickValues(lo: Double, hi: Double, target: Int) -> (step: Double, values: [Double]) {
    let span = hi - lo
    guard span > 0, span.isFinite else { return (1, [lo]) }
    let step = niceStep(span / Double(max(1, target)))
    let first = (lo / step - 1e-9).rounded(.up)
    let last = (hi / step + 1e-9).rounded(.down)
    guard first <= last, last - first < 1000 else { return (step, []) }
    var values: [Double] = []
    var i = first
    while i <= last {
        let v = i * step
        values.append(abs(v) < step * 1e-9 ? 0 : v)
        i += 1
    }
    return (step, values)
}

/// Linear ticks for an axis `length` pixels long. `labelExtent` gives the room a label needs
/// along the axis; ticks are thinned until neighbouring labels keep `gap` pixels apart.
func linearTicks(lo: Double, hi: Double, length: Double, pixelsPerTick: Double,
                 labelExtent: (String) -> Double, gap: Double) -> [Tick] {
    var target = max(2, Int(length / pixelsPerTick))
    while true {
        let (step, values) = linearTickValues(lo: lo, hi: hi, target: target)
        let labels = linearTickLabels(values, step: step)
        let spacing = length * step / (hi - lo)
        let widest = labels.map(labelExtent).max() ?? 0
        if spacing >= widest + gap || target <= 1 {
            return zip(values, labels).map { Tick(value: $0, label: $1, major: true) }
        }
        target -= 1
    }
}

/// Decades with labels (thinned to every 2nd, 3rd, 5th… decade when crowded) and, when there
/// is room, unlabelled minor ticks at 2…9 × 10^k.
func logarithmicTicks(lo: Double, hi: Double, length: Double,
                      labelExtent: (String) -> Double, gap: Double) -> [Tick] {
    let kLo = Int((Double.log10(lo) - 1e-9).rounded(.up))
    let kHi = Int((Double.log10(hi) + 1e-9).rounded(.down))
    guard kLo <= kHi else { return [] }
    let pixelsPerDecade = length / (Double.log10(hi) - Double.log10(lo))
    let compact = kLo >= -3 && kHi <= 6
    let widest = (kLo...kHi).map { labelExtent(decadeLabel($0, compact: compact)) }.max() ?? 0
    var every = 1
    for candidate in [1, 2, 3, 4, 5, 10, 20, 50, 100] {
        every = candidate
        if pixelsPerDecade * Double(candidate) >= widest + gap { break }
    }
    var ticks: [Tick] = []
    for k in kLo...kHi {
        let labelled = ((k % every) + every) % every == 0
        ticks.append(Tick(value: Double.pow(10, Double(k)), label: labelled ? decadeLabel(k, compact: compact) : nil, major: true))
    }
    if pixelsPerDecade >= 24 && kHi - kLo < 40 {
        for k in (kLo - 1)...kHi {
            for m in 2...9 {
                let v = Double(m) * Double.pow(10, Double(k))
                if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { ticks.append(Tick(value: v, label: nil, major: false)) }
            }
        }
    }
    return ticks
}

/// The interval shown on a linear value axis: from 0 when all values are non-negative and
/// their spread is not tiny compared with the largest (at least 20% of it); otherwise the
/// data range padded by 5% on each side.
func linearValueDomain(_ values: [Double]) -> (lo: Double, hi: Double) {
    guard let mn = values.min(), let mx = values.max() else { return (0, 1) }
    if mn == mx {
        if mn == 0 { return (0, 1) }
        return mn > 0 ? (0, mn * 1.05) : (mn * 1.05, 0)
    }
    if mn >= 0 && mx - mn >= 0.2 * mx {
        return (0, mx + 0.05 * (mx - mn))
    }
    if mx <= 0 && mx - mn >= 0.2 * abs(mn) {
        return (mn - 0.05 * (mx - mn), 0)
    }
    let pad = 0.05 * (mx - mn)
    return (mn - pad, mx + pad)
}

/// The interval shown on a linear x axis: exactly the data range (the chart leaves a few
/// pixels at both ends instead).
func linearPositionDomain(_ values: [Double]) -> (lo: Double, hi: Double) {
    guard let mn = values.min(), let mx = values.max() else { return (0, 1) }
    if mn == mx {
        let half = mn == 0 ? 1 : abs(mn) * 0.5
        return (mn - half, mx + half)
    }
    return (mn, mx)
}

/// The interval shown on a log axis, from the positive values: the data range padded by
/// `pad` (a fraction of its span in decades), widened to whole decades when fewer than two
/// decades would be labelled.
func logarithmicDomain(_ positives: [Double], pad: Double) -> (lo: Double, hi: Double) {
    guard let mn = positives.min(), let mx = positives.max() else { return (1, 10) }
    var lo = Double.log10(mn), hi = Double.log10(mx)
    let span = hi - lo
    lo -= pad * span
    hi += pad * span
    let kLo = (lo - 1e-9).rounded(.up), kHi = (hi + 1e-9).rounded(.down)
    if kHi - kLo < 1 {
        lo = min(lo, Double.log10(mn).rounded(.down))
        hi = max(hi, Double.log10(mx).rounded(.up))
        if hi - lo < 1 { hi = lo + 1 }
    }
    return (Double.pow(10, lo), Double.pow(10, hi))
}

// MARK: The chart's axes

/// Ticks along a vertical axis `length` pixels long (taken as at least 20, so that a squeezed
/// plot still gets a tick or two). Labels are as tall as the font whatever their text.
func verticalTicks(_ domain: (lo: Double, hi: Double), scale: AxisScale, length: Double) -> [Tick] {
    let length = max(length, 20)
    let labelHeight: (String) -> Double = { _ in ChartMetrics.tickSize }
    switch scale {
    case .linear:
        return linearTicks(lo: domain.lo, hi: domain.hi, length: length, pixelsPerTick: 48, labelExtent: labelHeight, gap: 8)
    case .logarithmic:
        return logarithmicTicks(lo: domain.lo, hi: domain.hi, length: length, labelExtent: labelHeight, gap: 6)
    }
}

/// Ticks along the x axis, `length` pixels from its lowest to its highest value. Labels are
/// as wide as their text, so they are spaced further apart than on a vertical axis. With a
/// "0" slot, a labelled 0 comes first.
func horizontalTicks(_ domain: (lo: Double, hi: Double), scale: AxisScale, length: Double, zeroSlot: Bool) -> [Tick] {
    let labelWidth: (String) -> Double = { textWidth($0, size: ChartMetrics.tickSize) }
    var ticks: [Tick]
    switch scale {
    case .linear:
        ticks = linearTicks(lo: domain.lo, hi: domain.hi, length: length, pixelsPerTick: 80, labelExtent: labelWidth, gap: 12)
    case .logarithmic:
        ticks = logarithmicTicks(lo: domain.lo, hi: domain.hi, length: length, labelExtent: labelWidth, gap: 10)
    }
    if zeroSlot { ticks.insert(Tick(value: 0, label: "0", major: true), at: 0) }
    return ticks
}

/// The width in pixels of the widest tick label, 0 when none is labelled.
func widestLabel(_ ticks: [Tick]) -> Double {
    ticks.compactMap(\.label).map { textWidth($0, size: ChartMetrics.tickSize) }.max() ?? 0
}
