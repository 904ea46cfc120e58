import Foundation
import HDF5
import LocalRankTestSupport
import Testing

extension HDF5Tests {
    /// Real files exchanged with h5py in both directions.
    @Suite("Interoperability with h5py")
    struct InteropTests {
        @Test("h5py reads the values, types, layouts and attributes we write")
        func h5pyReadsOurFiles() throws {
            try requireH5py()
            let directory = try TemporaryDirectory(prefix: "hdf5-interop")
            let path = directory.path("ours.h5")
            do {
                let file = try HDF5File.create(path)
                let root = file.root
                try root.writeDataset("float32", (0..<6).map { Float($0) * 0.5 }, shape: [2, 3],
                                      chunkShape: [1, 3], deflateLevel: 4, shuffle: true)
                try root.writeDataset("float64", [0.1, -2.5, 1e300, .pi], shape: [4], deflateLevel: 9)
                try root.writeDataset("int32", [1, -2, 3, Int32.min] as [Int32], shape: [2, 2])
                try root.writeDataset("int64", [Int64.max, 0, -(1 << 40)], shape: [3])
                try root.writeDataset("uint8", [0, 1, 127, 128, 255] as [UInt8], shape: [5])
                try root.writeDataset("scalar", [2.5] as [Double], shape: [])
                let growable = try root.createDataset("weights/0/weight", of: Float.self, shape: [0, 4],
                                                      maximumShape: [nil, 4], chunkShape: [2, 4])
                try growable.append([1, 2, 3, 4] as [Float])
                try growable.append([5, 6, 7, 8] as [Float])
                try growable.setAttribute("units", "nats")
                try file.setAttribute("title", "σ run")
                try file.setAttribute("tags", ["a", "bé", ""])
                try file.setAttribute("count", 42 as Int64)
                try file.setAttribute("ratios", [0.25, 0.5] as [Double])
                try file.setAttribute("rate", 0.5 as Float)
                try file.close()
            }
            let script = """
                import sys
                import h5py, numpy as np
                with h5py.File(sys.argv[1], 'r') as f:
                    d = f['float32']
                    assert d.dtype == np.dtype('<f4'), d.dtype
                    assert d.shape == (2, 3) and d.maxshape == (2, 3), (d.shape, d.maxshape)
                    assert d.chunks == (1, 3), d.chunks
                    assert d.compression == 'gzip' and d.compression_opts == 4, (d.compression, d.compression_opts)
                    assert d.shuffle
                    np.testing.assert_array_equal(d[...], np.arange(6, dtype='f4').reshape(2, 3) * 0.5)

                    d = f['float64']
                    assert d.dtype == np.dtype('<f8') and d.compression_opts == 9 and not d.shuffle
                    np.testing.assert_array_equal(d[...], [0.1, -2.5, 1e300, np.pi])
                    d = f['int32']
                    assert d.dtype == np.dtype('<i4') and d.chunks is None and d.compression is None
                    np.testing.assert_array_equal(d[...], [[1, -2], [3, -2**31]])
                    d = f['int64']
                    assert d.dtype == np.dtype('<i8')
                    np.testing.assert_array_equal(d[...], [2**63 - 1, 0, -(2**40)])
                    d = f['uint8']
                    assert d.dtype == np.dtype('u1')
                    np.testing.assert_array_equal(d[...], [0, 1, 127, 128, 255])
                    d = f['scalar']
                    assert d.shape == () and d[()] == 2.5

                    d = f['weights/0/weight']
                    assert isinstance(f['weights/0'], h5py.Group)
                    assert d.maxshape == (None, 4), d.maxshape
                    assert d.chunks == (2, 4), d.chunks
                    np.testing.assert_array_equal(d[...], [[1, 2, 3, 4], [5, 6, 7, 8]])
                    units = d.attrs['units']
                    assert isinstance(units, str) and units == 'nats', repr(units)

                    title = f.attrs['title']
                    assert isinstance(title, str) and title == 'σ run', repr(title)
                    tags = f.attrs['tags']
                    assert all(isinstance(t, str) for t in tags), repr(tags)
                    assert list(tags) == ['a', 'bé', ''], repr(tags)
                    count = f.attrs['count']
                    assert count == 42 and count.dtype == np.int64, repr(count)
                    np.testing.assert_array_equal(f.attrs['ratios'], [0.25, 0.5])
                    rate = f.attrs['rate']
                    assert rate == 0.5 and rate.dtype == np.float32, repr(rate)
                    assert sorted(f.keys()) == ['float32', 'float64', 'int32', 'int64', 'scalar', 'uint8', 'weights']
                print('ok')
                """
            let output = try Python.run(script, arguments: [path])
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        }

        @Test("we read what h5py writes, and h5py reads what we add to its files")
        func weReadH5pyFiles() throws {
            try requireH5py()
            let directory = try TemporaryDirectory(prefix: "hdf5-interop")
            let path = directory.path("theirs.h5")
            try Python.run("""
                import sys
                import h5py, numpy as np
                with h5py.File(sys.argv[1], 'w') as f:
                    f.create_dataset('gzip', data=np.arange(12, dtype='f4').reshape(3, 4) / 4, chunks=(1, 4),
                                     compression='gzip', compression_opts=7, shuffle=True)
                    f.create_dataset('int64', data=np.array([-(2**40), 0, 2**40], dtype='i8'))
                    f.create_dataset('float64', data=np.linspace(0, 1, 5))
                    f.create_dataset('float32', data=np.array([[1.5, -2.5]], dtype='f4'))
                    f.create_dataset('big-endian', data=np.array([1, 2, 3], dtype='>i4'))
                    f.create_dataset('growable', data=[[1, 2, 3], [4, 5, 6]], maxshape=(None, 3), dtype='f8')
                    f.create_dataset('labels', data=['x', 'yz'])
                    f.create_dataset('flags', data=np.array([True, False]))
                    g = f.create_group('nested/group')
                    g.attrs['vlen'] = 'abc'
                    g.attrs['fixed'] = np.bytes_('abc')
                    g.attrs['fixed padded'] = np.array(b'ab', dtype='S6')
                    g.attrs['vlen array'] = ['x', 'yz', 'ünï']
                    g.attrs['fixed array'] = np.array([b'a', b'bcd'])
                    g.attrs['int'] = 7
                    g.attrs['float'] = 0.5
                    g.attrs['array'] = np.array([[1, 2], [3, 4]], dtype='i4')
                    g.attrs['bool'] = True
                """, arguments: [path])

            do {
                let file = try HDF5File.open(path)
                let root = file.root
                #expect(try root.memberNames()
                        == ["big-endian", "flags", "float32", "float64", "growable", "gzip", "int64", "labels",
                            "nested"])
                let gzip = try root.openDataset("gzip")
                #expect(try gzip.elementType == .float32)
                #expect(try gzip.shape == [3, 4])
                #expect(try gzip.chunkShape == [1, 4])
                #expect(try gzip.deflateLevel == 7)
                #expect(try gzip.isShuffled)
                #expect(try gzip.read(as: Float.self) == (0..<12).map { Float($0) / 4 })
                #expect(try gzip.read(as: Double.self, offset: [2, 1], count: [1, 2]) == [2.25, 2.5])

                let int64 = try root.openDataset("int64")
                #expect(try int64.elementType == .int64)
                #expect(try int64.read(as: Int64.self) == [-(1 << 40), 0, 1 << 40])
                let float64 = try root.openDataset("float64")
                #expect(try float64.elementType == .float64)
                #expect(try float64.read(as: Double.self) == [0, 0.25, 0.5, 0.75, 1])
                #expect(try float64.read(as: Float.self) == [0, 0.25, 0.5, 0.75, 1])
                let float32 = try root.openDataset("float32")
                #expect(try float32.elementType == .float32)
                #expect(try float32.shape == [1, 2])
                #expect(try float32.read(as: Float.self) == [1.5, -2.5])
                let bigEndian = try root.openDataset("big-endian")
                #expect(try bigEndian.elementType == .int32)
                #expect(try bigEndian.read(as: Int32.self) == [1, 2, 3])

                let growable = try root.openDataset("growable")
                #expect(try growable.maximumShape == [nil, 3])
                #expect(try growable.read(as: Double.self) == [1, 2, 3, 4, 5, 6])

                let labels = try root.openDataset("labels")
                #expect(try labels.elementType == .string)
                #expect(try labels.readStrings() == ["x", "yz"])
                let refused = expectHDF5Error { try labels.read(as: Float.self) }
                #expect(refused?.message == "stored as string, cannot read as float32")
                let flags = try root.openDataset("flags")
                #expect(try flags.elementType == .other("enum"))
                let enumRefused = expectHDF5Error { try flags.read(as: UInt8.self) }
                #expect(enumRefused?.message == "stored as enum, cannot read as uint8")

                let group = try root.openGroup("nested/group")
                #expect(try group.stringAttribute("vlen") == "abc")
                #expect(try group.stringAttribute("fixed") == "abc")
                #expect(try group.stringAttribute("fixed padded") == "ab")
                #expect(try group.stringArrayAttribute("vlen array") == ["x", "yz", "ünï"])
                #expect(try group.stringArrayAttribute("fixed array") == ["a", "bcd"])
                #expect(try group.attribute("int", as: Int.self) == 7)
                #expect(try group.attribute("float", as: Double.self) == 0.5)
                #expect(try group.attributeArray("array", as: Int32.self) == [1, 2, 3, 4])
                expectHDF5Error { try group.attribute("bool", as: Int8.self) }
                expectHDF5Error { try group.attribute("vlen", as: Double.self) }
                #expect(try group.attributeNames() == [
                    "array", "bool", "fixed", "fixed array", "fixed padded", "float", "int", "vlen", "vlen array",
                ])
            }

            // Growing h5py's dataset and adding to its file from Swift.
            do {
                let file = try HDF5File.open(path, mode: .readWrite)
                let growable = try file.root.openDataset("growable")
                try growable.append([7, 8, 9] as [Double])
                try file.root.writeDataset("from swift", [1, 2] as [Int32], shape: [2])
                try file.root.openGroup("nested/group").setAttribute("added", "by swift")
                try file.close()
            }
            let output = try Python.run("""
                import sys
                import h5py, numpy as np
                with h5py.File(sys.argv[1], 'r') as f:
                    np.testing.assert_array_equal(f['growable'][...], [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
                    np.testing.assert_array_equal(f['from swift'][...], [1, 2])
                    added = f['nested/group'].attrs['added']
                    assert isinstance(added, str) and added == 'by swift', repr(added)
                print('ok')
                """, arguments: [path])
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok")
        }

        @Test("a missing Python package fails with an instruction, not a skip")
        func missingPackageMessage() throws {
            do {
                try Python.requireModules(["a_module_that_does_not_exist_for_local_rank"])
                Issue.record("expected a failure")
            } catch let failure as Python.Failure {
                #expect(failure.description
                        == "a_module_that_does_not_exist_for_local_rank is not installed; run `make test`, which installs it")
            }
        }
    }
}
