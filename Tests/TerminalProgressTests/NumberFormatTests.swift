import TerminalProgress
import Testing

/// Numbers printed for people (issue 25): a diverged loss was `71307101619609453723648.0000`,
/// a small one `0.0000`, and 10^-2.5 read `0.0031622776`.
@Suite struct NumberFormatTests {
    @Test func quantitiesKeepFourSignificantDigitsAtAnyMagnitude() {
        #expect(formatQuantity(71307101619609453723648.0) == "7.131e+22")
        #expect(formatQuantity(0.0000123456) == "1.235e-05")
        #expect(formatQuantity(2.302585) == "2.303")
        #expect(formatQuantity(0.8023) == "0.8023")
        #expect(formatQuantity(0.5) == "0.5000")
        #expect(formatQuantity(.nan) == "nan")
    }

    @Test func settingsReadAsAPersonWouldWriteThem() {
        #expect(formatSetting(Double(Float(0.0031622776601683794))) == "0.00316228")
        #expect(formatSetting(Double(Float(0.031622776601683794))) == "0.0316228")
        #expect(formatSetting(Double(Float(1e-3))) == "0.001")
        #expect(formatSetting(1) == "1")
    }
}

@Suite struct OtherNumberFormatTests {
    @Test func durationsReadAsHoursMinutesOrSeconds() {
        #expect(formatDuration(12.4) == "12s")
        #expect(formatDuration(185) == "3m05s")
        #expect(formatDuration(3720) == "1h02m")
        #expect(formatDuration(.infinity) == "--")
    }

    @Test func fixedScientificAndSignificantDigits() {
        #expect(format(3.14159, digits: 2) == "3.14")
        #expect(format(-.infinity, digits: 2) == "-inf")
        #expect(formatScientific(1.4612e-10) == "1.461e-10")
        #expect(formatSignificant(0.0017812, digits: 3) == "0.00178")
    }
}
