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
    }

    @Test("the JSON decodes back to the schema, and names every layout path")
    func schemaRoundTripsAndNamesTheLayout() throws {
        let decoded = try JSONDecoder().decode(RunSchema.self, from: Data(RunSchema.v1.json.utf8))
        #expect(decoded == RunSchema.v1)
        let paths = Set(RunSchema.v1.entries.map(\.path))
        for path in [RunLayout.probeInputs, RunLayout.steps, RunLayout.weightTemplate, RunLayout.biasTemplate,
                     RunLayout.attribute(RunLayout.ModelAttribute.layerSizes, of: RunLayout.model),
                     RunLayout.attribute(RunLayout.RootAttribute.format, of: "/")] {
            #expect(paths.contains(path), "\(path)")
        }
        #expect(paths.count == RunSchema.v1.entries.count, "an entry is listed twice")
    }

    @Test("the analysis needs the network, the probe inputs, the steps and the weights, nothing else")
    func analysisNeeds() {
        let required = Set(RunSchema.v1.entries.filter { $0.analysis == .required }.map(\.path))
        #expect(required == [
            "/@format", "/@format_version", "/model", "/model@architecture", "/model@layer_sizes", "/model@activations",
            "/model@bottleneck_layer", "/model@bottleneck_dim", "/model@beta", "/model@input_shape", "/model@layers",
            "/data", "/data@task", "/probe/x",
            "/checkpoints/step", "/weights/<l>/weight", "/weights/<l>/bias",
        ])
    }
}
