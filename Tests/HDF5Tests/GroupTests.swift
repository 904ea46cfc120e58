import Foundation
import HDF5
import LocalRankTestSupport
import Testing

extension HDF5Tests {
    @Suite("Groups")
    struct GroupTests {
        @Test("nested paths create intermediate groups and can be opened and found")
        func nestedPaths() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-groups")
            let file = try HDF5File.create(directory.path("groups.h5"))
            let layer = try file.root.createGroup("weights/0")
            #expect(layer.path == "/weights/0")
            let bias = try layer.writeDataset("bias", [0.5, -0.5] as [Float], shape: [2])
            #expect(bias.path == "/weights/0/bias")
            try file.root.writeDataset("weights/1/weight", [1, 2, 3, 4] as [Float], shape: [2, 2])

            #expect(try file.root.openGroup("weights").path == "/weights")
            #expect(try file.root.openGroup("/weights/1").path == "/weights/1")
            #expect(try file.root.openGroup("weights/").path == "/weights")
            #expect(try layer.openGroup("/weights").path == "/weights")
            #expect(try file.root.openGroup("/").path == "/")
            #expect(try file.root.openDataset("weights/1/weight").read(as: Float.self) == [1, 2, 3, 4])

            #expect(file.root.contains("weights"))
            #expect(file.root.contains("weights/0/bias"))
            #expect(file.root.contains("/weights/1/weight"))
            #expect(layer.contains("bias"))
            #expect(layer.contains("/weights/1"))
            #expect(file.root.contains("/"))
            #expect(!file.root.contains("weights/2"))
            #expect(!file.root.contains("weights/2/weight"))
            #expect(!file.root.contains("missing/deeper/still"))
            #expect(!file.root.contains("weights/0/bias/inside-a-dataset"))
            #expect(!layer.contains("weights"))
        }

        @Test("members are listed by name in increasing order")
        func memberOrder() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-groups")
            let file = try HDF5File.create(directory.path("order.h5"))
            for name in ["b", "a", "10", "9", "c", "B"] {
                _ = try file.root.createGroup(name)
            }
            try file.root.writeDataset("data", [1] as [Int32], shape: [1])
            #expect(try file.root.memberNames() == ["10", "9", "B", "a", "b", "c", "data"])
            #expect(try file.root.openGroup("a").memberNames() == [])
        }

        @Test("missing objects and objects of the wrong kind throw errors naming the path")
        func openErrors() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-groups")
            let path = directory.path("errors.h5")
            let file = try HDF5File.create(path)
            let group = try file.root.createGroup("a")
            try group.writeDataset("data", [1, 2] as [Int64], shape: [2])

            let missing = expectHDF5Error { try group.openGroup("b/c") }
            #expect(missing?.description == "\(path):/a/b/c: cannot open group: /a/b does not exist")
            let missingDataset = expectHDF5Error { try file.root.openDataset("a/nothing") }
            #expect(missingDataset?.path == "\(path):/a/nothing")
            #expect(missingDataset?.operation == "open dataset")

            let notGroup = expectHDF5Error { try file.root.openGroup("a/data") }
            #expect(notGroup?.message == "the object is a dataset, not a group")
            let notDataset = expectHDF5Error { try file.root.openDataset("a") }
            #expect(notDataset?.message == "the object is a group, not a dataset")

            let duplicate = expectHDF5Error { try file.root.createGroup("a") }
            #expect(duplicate?.operation == "create group")
            #expect(duplicate?.path == "\(path):/a")
            expectHDF5Error { try file.root.createGroup("") }
            expectHDF5Error { try file.root.openGroup("") }
            expectHDF5Error { try group.writeDataset("data", [1] as [Int64], shape: [1]) }
        }
    }
}
