import Foundation
import LocalRankTestSupport
import RunFormat
import Testing

@Suite struct SchemaTests {
    /// The machine-readable schema in `schemas/` is exactly what the validator checks.
    @Test func committedSchemaMatchesTheValidatorsSchema() throws {
        let path = CommandLineTools.repositoryRoot.appendingPathComponent("schemas/run-format-v1.json").path
        let committed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(committed == RunSchema.v1.json, "schemas/run-format-v1.json is stale: run `make schemas`")
        let printed = try CommandLineTools.run("lr-analyze", ["schema"])
        #expect(printed.standardOutput == committed)
    }

    @Test func schemaIsValidJSONNamingEveryLayoutPath() throws {
        let checked = try Python.run("""
            import json, sys
            d = json.loads(sys.argv[1])
            assert d['name'] == 'local-rank-run' and d['version'] == 1
            paths = {e['path'] for e in d['entries']}
            for p in ['/probe/x', '/checkpoints/step', '/weights/<l>/weight', '/model@layer_sizes', '/@format']:
                assert p in paths, p
            print('ok')
            """, arguments: [RunSchema.v1.json])
        #expect(checked.hasPrefix("ok"))
    }
}
