import Testing
@testable import CommandLineSupport

@Suite struct UsageLineTests {
    @Test func editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        #expect(editDistance("--eps", "--esp") == 2)
        #expect(editDistance("--eps", "--eps") == 0)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("--layers", "--layer") == 1)
    }

    @Test func theOptionValueErrorIsFoundInsideArgumentParsersError() throws {
        do {
            _ = try SampleTool.parseAsRoot(["--eps", "x"])
            Issue.record("parsing should fail")
        } catch {
            #expect(OptionValueError.find(in: error) == OptionValueError("--eps must be positive, not x"))
        }
        struct Unrelated: Error {}
        #expect(OptionValueError.find(in: Unrelated()) == nil)
    }

    @Test func anUnknownOptionPastDoubleDashIsAnArgument() {
        let options = CommandOptions.path(root: SampleTool.self, arguments: ["--", "--esp"]).last
        #expect(options?.unknownOption(in: ["--", "--esp"]) == nil)
        #expect(options?.unknownOption(in: ["--colour"]) == "unknown option '--colour'")
    }
}
