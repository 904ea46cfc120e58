import Foundation
import HDF5
import LocalRankTestSupport
import Testing

extension HDF5Tests {
    @Suite("Datasets")
    struct DatasetTests {
        /// Writes `values` with shape [2, 3], reopens the file and reads them back.
        private func roundTrip<T: HDF5Scalar & Equatable>(_ values: [T], in directory: TemporaryDirectory) throws {
            let path = directory.path("\(T.self).h5")
            do {
                let file = try HDF5File.create(path)
                let dataset = try file.root.writeDataset("values", values, shape: [2, 3])
                #expect(try dataset.elementType == T.elementType)
                try file.close()
            }
            let file = try HDF5File.open(path)
            let dataset = try file.root.openDataset("values")
            #expect(try dataset.shape == [2, 3])
            #expect(try dataset.maximumShape == [2, 3])
            #expect(try dataset.elementType == T.elementType)
            #expect(try dataset.read(as: T.self) == values, "\(T.self)")
        }

        @Test("every element type round-trips")
        func elementTypes() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-datasets")
            try roundTrip([1.5, -2.25, 0, .infinity, -.greatestFiniteMagnitude, 3e-38] as [Float], in: directory)
            try roundTrip([1.5, -2.25, 0, .pi, 1e300, -1e-300] as [Double], in: directory)
            try roundTrip([0, 1, -1, .max, .min, 42] as [Int8], in: directory)
            try roundTrip([0, 1, -1, .max, .min, 42] as [Int16], in: directory)
            try roundTrip([0, 1, -1, .max, .min, 42] as [Int32], in: directory)
            try roundTrip([0, 1, -1, .max, .min, 42] as [Int64], in: directory)
            try roundTrip([0, 1, 2, .max, 7, 42] as [UInt8], in: directory)
            try roundTrip([0, 1, 2, .max, 7, 42] as [UInt16], in: directory)
            try roundTrip([0, 1, 2, .max, 7, 42] as [UInt32], in: directory)
            try roundTrip([0, 1, 2, .max, 7, 42] as [UInt64], in: directory)
            try roundTrip([0, 1, -1, .max, .min, 42] as [Int], in: directory)
            #expect(Int.elementType == .int64)
        }

        @Test("datasets of rank 0 to 4 keep their shapes and row-major order", arguments: [
            [], [5], [2, 3], [2, 3, 4], [2, 1, 3, 2],
        ] as [[Int]])
        func ranks(shape: [Int]) throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-datasets")
            let path = directory.path("rank.h5")
            let count = shape.reduce(1, *)
            let values = (0..<count).map { Double($0) * 0.5 }
            do {
                let file = try HDF5File.create(path)
                try file.root.writeDataset("values", values, shape: shape)
            }
            let dataset = try HDF5File.open(path).root.openDataset("values")
            #expect(try dataset.shape == shape)
            #expect(try dataset.read(as: Double.self) == values)
            if shape.count >= 2 {
                // The last axis varies fastest.
                let offset = [1] + Array(repeating: 0, count: shape.count - 1)
                let rowCount = [1] + shape.dropFirst()
                let rowLength = rowCount.reduce(1, *)
                #expect(try dataset.read(as: Double.self, offset: offset, count: rowCount)
                        == Array(values[rowLength..<(2 * rowLength)]))
            }
        }

        @Test("chunking, shuffle and deflate are applied and reported")
        func layoutProperties() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-datasets")
            let path = directory.path("layout.h5")
            let values = (0..<1200).map { Float($0 % 17) }
            do {
                let file = try HDF5File.create(path)
                try file.root.writeDataset("compressed", values, shape: [40, 30], chunkShape: [10, 30],
                                           deflateLevel: 6, shuffle: true)
                try file.root.writeDataset("deflated", values, shape: [40, 30], deflateLevel: 1)
                try file.root.writeDataset("plain", values, shape: [40, 30])
                _ = try file.root.createDataset("growable", of: Double.self, shape: [0, 3],
                                                maximumShape: [nil, 3])
                _ = try file.root.createDataset("bounded", of: Int32.self, shape: [2, 2],
                                                maximumShape: [10, nil], chunkShape: [2, 2])
            }
            let file = try HDF5File.open(path)
            let compressed = try file.root.openDataset("compressed")
            #expect(try compressed.chunkShape == [10, 30])
            #expect(try compressed.deflateLevel == 6)
            #expect(try compressed.isShuffled)
            #expect(try compressed.read(as: Float.self) == values)

            let deflated = try file.root.openDataset("deflated")
            #expect(try deflated.deflateLevel == 1)
            #expect(try !deflated.isShuffled)
            #expect(try deflated.chunkShape != nil)

            let plain = try file.root.openDataset("plain")
            #expect(try plain.chunkShape == nil)
            #expect(try plain.deflateLevel == nil)
            #expect(try !plain.isShuffled)
            #expect(try plain.maximumShape == [40, 30])

            let growable = try file.root.openDataset("growable")
            #expect(try growable.shape == [0, 3])
            #expect(try growable.maximumShape == [nil, 3])
            let chunks = try #require(try growable.chunkShape)
            #expect(chunks.count == 2 && chunks[1] == 3 && chunks[0] >= 1)
            #expect(try growable.read(as: Double.self) == [])

            let bounded = try file.root.openDataset("bounded")
            #expect(try bounded.maximumShape == [10, nil])
            #expect(try bounded.chunkShape == [2, 2])
        }

        @Test("unlimited datasets grow with extend and append")
        func growth() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-datasets")
            let path = directory.path("growth.h5")
            do {
                let file = try HDF5File.create(path)
                let series = try file.root.createDataset("loss", of: Float.self, shape: [0, 2],
                                                         maximumShape: [nil, 2], chunkShape: [4, 2])
                try series.append([1, 2] as [Float])
                try series.append([3, 4] as [Float])
                try series.append([5, 6] as [Float])
                #expect(try series.shape == [3, 2])
                try series.extend(to: [5, 2])
                #expect(try series.read(as: Float.self) == [1, 2, 3, 4, 5, 6, 0, 0, 0, 0])
                try series.write([9, 9] as [Float], offset: [4, 0], count: [1, 2])
                try series.extend(to: [4, 2])

                let error = expectHDF5Error { try series.append([1, 2, 3] as [Float]) }
                #expect(error?.operation == "append to dataset")
                #expect(try series.shape == [4, 2])
                expectHDF5Error { try series.extend(to: [5, 3]) }
                expectHDF5Error { try series.extend(to: [5]) }
                expectHDF5Error { try series.extend(to: [-1, 2]) }

                let scalarSteps = try file.root.createDataset("steps", of: Int64.self, shape: [0],
                                                              maximumShape: [nil])
                for step in 0..<100 { try scalarSteps.append([Int64(step)]) }

                let fixed = try file.root.writeDataset("fixed", [1, 2] as [Int32], shape: [1, 2])
                let full = expectHDF5Error { try fixed.append([3, 4] as [Int32]) }
                #expect(full?.message.contains("maximum") == true)
                expectHDF5Error { try fixed.extend(to: [2, 2]) }
                let scalar = try file.root.writeDataset("scalar", [7] as [Int32], shape: [])
                expectHDF5Error { try scalar.append([1] as [Int32]) }
            }
            let file = try HDF5File.open(path)
            #expect(try file.root.openDataset("loss").read(as: Float.self) == [1, 2, 3, 4, 5, 6, 0, 0])
            #expect(try file.root.openDataset("steps").read(as: Int64.self) == (0..<100).map { Int64($0) })
        }

        @Test("hyperslabs read and write sub-blocks")
        func hyperslabs() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-datasets")
            let file = try HDF5File.create(directory.path("slabs.h5"))
            let values = (0..<24).map { Int32($0) }
            let dataset = try file.root.writeDataset("cube", values, shape: [4, 2, 3])
            for k in 0..<4 {
                #expect(try dataset.read(as: Int32.self, offset: [k, 0, 0], count: [1, 2, 3])
                        == Array(values[(6 * k)..<(6 * k + 6)]))
            }
            #expect(try dataset.read(as: Int32.self, offset: [1, 1, 1], count: [2, 1, 2]) == [10, 11, 16, 17])
            #expect(try dataset.read(as: Int32.self, offset: [3, 1, 3], count: [1, 1, 0]) == [])
            try dataset.write([-1, -2, -3, -4] as [Int32], offset: [2, 0, 1], count: [1, 2, 2])
            let updated = try dataset.read(as: Int32.self)
            #expect(Array(updated[12..<18]) == [12, -1, -2, 15, -3, -4])

            let scalar = try file.root.writeDataset("scalar", [3.5] as [Double], shape: [])
            #expect(try scalar.shape == [])
            #expect(try scalar.read(as: Double.self, offset: [], count: []) == [3.5])
            try scalar.write([4.5] as [Double], offset: [], count: [])
            #expect(try scalar.read(as: Float.self) == [4.5])
        }

        @Test("reading converts between numeric types")
        func conversions() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-datasets")
            let file = try HDF5File.create(directory.path("conversions.h5"))
            let doubles = try file.root.writeDataset("doubles", [0.5, -1.25, 1e10] as [Double], shape: [3])
            #expect(try doubles.read(as: Float.self) == [0.5, -1.25, 1e10])
            let integers = try file.root.writeDataset("integers", [1, -2, 300] as [Int32], shape: [3])
            #expect(try integers.read(as: Double.self) == [1, -2, 300])
            #expect(try integers.read(as: Int64.self) == [1, -2, 300])
            #expect(try integers.read(as: Int.self) == [1, -2, 300])
            let bytes = try file.root.writeDataset("bytes", [0, 128, 255] as [UInt8], shape: [3])
            #expect(try bytes.read(as: Float.self) == [0, 128, 255])
            // Writing converts too: Double values into a float32 dataset.
            let floats = try file.root.createDataset("floats", of: Float.self, shape: [2])
            try floats.write([0.25, 8] as [Double])
            #expect(try floats.elementType == .float32)
            #expect(try floats.read(as: Float.self) == [0.25, 8])
        }

        @Test("mismatched counts, ranks and out-of-range selections throw instead of trapping")
        func argumentChecks() throws {
            let directory = try TemporaryDirectory(prefix: "hdf5-datasets")
            let path = directory.path("checks.h5")
            let file = try HDF5File.create(path)
            let dataset = try file.root.writeDataset("matrix", (0..<6).map { Float($0) }, shape: [2, 3])

            let count = expectHDF5Error { try file.root.writeDataset("short", [1, 2] as [Float], shape: [2, 3]) }
            #expect(count?.description == "\(path):/short: cannot write dataset: 2 values do not fill shape [2, 3] (6 elements)")
            #expect(!file.root.contains("short"))
            expectHDF5Error { try dataset.write([1] as [Float]) }
            expectHDF5Error { try dataset.write([1, 2] as [Float], offset: [0, 0], count: [1, 3]) }
            let rank = expectHDF5Error { try dataset.read(as: Float.self, offset: [0], count: [1]) }
            #expect(rank?.operation == "read dataset")
            #expect(rank?.path == "\(path):/matrix")
            let outside = expectHDF5Error { try dataset.read(as: Float.self, offset: [1, 1], count: [1, 3]) }
            #expect(outside?.message.contains("outside shape [2, 3]") == true)
            expectHDF5Error { try dataset.read(as: Float.self, offset: [-1, 0], count: [1, 3]) }
            expectHDF5Error { try dataset.read(as: Float.self, offset: [Int.max, 0], count: [2, 3]) }
            expectHDF5Error { try dataset.write([1, 2, 3] as [Float], offset: [2, 0], count: [1, 3]) }

            expectHDF5Error { try file.root.createDataset("bad", of: Float.self, shape: [-1]) }
            expectHDF5Error { try file.root.createDataset("bad", of: Float.self, shape: [2], maximumShape: [1]) }
            expectHDF5Error { try file.root.createDataset("bad", of: Float.self, shape: [2], maximumShape: [2, 2]) }
            expectHDF5Error { try file.root.createDataset("bad", of: Float.self, shape: [2], chunkShape: [0]) }
            expectHDF5Error { try file.root.createDataset("bad", of: Float.self, shape: [4], chunkShape: [2, 2]) }
            expectHDF5Error { try file.root.createDataset("bad", of: Float.self, shape: [2], deflateLevel: 10) }
            expectHDF5Error { try file.root.createDataset("bad", of: Float.self, shape: [], chunkShape: []) }
            expectHDF5Error {
                try file.root.createDataset("bad", of: Float.self, shape: Array(repeating: 1, count: 33))
            }
            #expect(!file.root.contains("bad"))
        }
    }
}
