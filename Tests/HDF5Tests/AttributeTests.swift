import Foundation
import HDF5
import LocalRankTestSupport
import Testing

extension HDF5Tests {
    @Suite("Attributes")
    struct AttributeTests {
        @Test("numeric and string attributes round-trip on groups and datasets")
        func roundTrip() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-attributes")
            let path = directory.path("attributes.h5")
            do {
                let file = try HDF5File.create(path)
                let group = try file.root.createGroup("checkpoints/0")
                try group.setAttribute("step", 1200 as Int64)
                try group.setAttribute("learning rate", 0.001 as Double)
                try group.setAttribute("seed", 7 as UInt32)
                try group.setAttribute("layer sizes", [784, 100, 10] as [Int])
                try group.setAttribute("empty", [] as [Float])
                try group.setAttribute("activation", "tanh")
                try group.setAttribute("unicode", "σ(x) = 1/(1+e⁻ˣ) 🙂")
                try group.setAttribute("empty string", "")
                try group.setAttribute("names", ["input", "hidden", "", "ünïcode"])
                let dataset = try group.writeDataset("weight", [1, 2] as [Float], shape: [2])
                try dataset.setAttribute("units", "nats")
                try dataset.setAttribute("scale", 2 as Float)
                try file.close()
            }
            let file = try HDF5File.open(path)
            let group = try file.root.openGroup("checkpoints/0")
            #expect(try group.attribute("step", as: Int64.self) == 1200)
            #expect(try group.attribute("step", as: Int.self) == 1200)
            #expect(try group.attribute("step", as: Double.self) == 1200)
            #expect(try group.attribute("learning rate", as: Double.self) == 0.001)
            #expect(try group.attribute("learning rate", as: Float.self) == 0.001)
            #expect(try group.attribute("seed", as: UInt32.self) == 7)
            #expect(try group.attributeArray("layer sizes", as: Int.self) == [784, 100, 10])
            #expect(try group.attributeArray("layer sizes", as: Int32.self) == [784, 100, 10])
            #expect(try group.attributeArray("step", as: Int.self) == [1200])
            #expect(try group.attributeArray("empty", as: Float.self) == [])
            #expect(try group.stringAttribute("activation") == "tanh")
            #expect(try group.stringAttribute("unicode") == "σ(x) = 1/(1+e⁻ˣ) 🙂")
            #expect(try group.stringAttribute("empty string") == "")
            #expect(try group.stringArrayAttribute("names") == ["input", "hidden", "", "ünïcode"])
            #expect(try group.stringArrayAttribute("activation") == ["tanh"])
            #expect(try group.attributeNames() == [
                "activation", "empty", "empty string", "layer sizes", "learning rate", "names", "seed", "step",
                "unicode",
            ])
            #expect(group.hasAttribute("step"))
            #expect(!group.hasAttribute("missing"))
            #expect(!group.hasAttribute(""))
            let dataset = try group.openDataset("weight")
            #expect(try dataset.stringAttribute("units") == "nats")
            #expect(try dataset.attribute("scale", as: Double.self) == 2)
            #expect(try dataset.attributeNames() == ["scale", "units"])
        }

        @Test("setting an attribute again replaces it, whatever its old type")
        func replacement() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-attributes")
            let file = try HDF5File.create(directory.path("replace.h5"))
            let group = file.root
            try group.setAttribute("value", 1 as Int32)
            try group.setAttribute("value", "now a string")
            #expect(try group.stringAttribute("value") == "now a string")
            try group.setAttribute("value", [1.5, 2.5] as [Double])
            #expect(try group.attributeArray("value", as: Double.self) == [1.5, 2.5])
            #expect(try group.attributeNames() == ["value"])
            try group.removeAttribute("value")
            #expect(!group.hasAttribute("value"))
            expectHDF5Error { try group.removeAttribute("value") }
        }

        @Test("reading an attribute as the wrong kind throws a clear error")
        func typeErrors() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-attributes")
            let path = directory.path("errors.h5")
            let file = try HDF5File.create(path)
            let group = try file.root.createGroup("g")
            try group.setAttribute("name", "tanh")
            try group.setAttribute("sizes", [1, 2, 3] as [Int32])

            let asNumber = expectHDF5Error { try group.attribute("name", as: Float.self) }
            #expect(asNumber?.description == "\(path):/g: cannot read attribute \"name\": stored as string, cannot read as float32")
            let asString = expectHDF5Error { try group.stringAttribute("sizes") }
            #expect(asString?.message == "stored as int32, not as strings")
            let notScalar = expectHDF5Error { try group.attribute("sizes", as: Int32.self) }
            #expect(notScalar?.message == "it holds 3 values, not exactly one")
            let missing = expectHDF5Error { try group.attribute("missing", as: Int32.self) }
            #expect(missing?.message == "there is no attribute of that name")
            expectHDF5Error { try group.setAttribute("", 1 as Int32) }
            expectHDF5Error { try group.setAttribute("nul", "a\u{0}b") }
        }
    }
}
