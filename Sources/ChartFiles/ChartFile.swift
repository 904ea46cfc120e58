import _RSVGShims
import Platform

/// The file formats a chart is written in, chosen by the output's extension.
public enum ChartFormat: String, CaseIterable, Sendable {
    case svg, png, pdf

    /// The format `path`'s extension names (any case), or nil for another extension.
    public init?(path: String) {
        let name = FileSystem.split(path).name
        guard let dot = name.lastIndex(of: "."), let format = ChartFormat(rawValue: name[name.index(after: dot)...].lowercased()) else {
            return nil
        }
        self = format
    }
}

/// A chart that could not be turned into its file: what failed, and why.
public struct ChartFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// librsvg could not read or draw the SVG.
        case unrenderable
        /// cairo could not write the PNG or PDF.
        case unwritable
    }

    public var kind: Kind
    public var path: String
    public var problem: String

    public var description: String { "\(path): cannot write the chart (\(problem))" }
}

/// Writes SVG documents as SVG, PNG or PDF files. PNG and PDF are rendered by librsvg into
/// cairo surfaces (Debian's librsvg2 and cairo, the renderer of GNOME and of `rsvg-convert`):
/// a PNG at `pngScale` pixels per SVG pixel on white, a PDF with vector text and lines at
/// 0.75 pt per SVG pixel (CSS's 96 pixels per inch). Every file goes through a staged
/// temporary file, so a reader never sees half of one.
public enum ChartFile {
    public static let pngScale = 2.0

    public static func write(svg: String, to path: String, format: ChartFormat) throws {
        let staged = StagedFile(finalPath: path)
        switch format {
        case .svg: try TextFile.write(svg, to: staged.temporaryPath)
        case .png, .pdf: try render(svg, format: format, to: staged.temporaryPath, reportedAs: path)
        }
        try staged.commit(replacing: true)
    }

    private static func render(_ svg: String, format: ChartFormat, to temporary: String, reportedAs path: String) throws(ChartFileError) {
        func failure(_ kind: ChartFileError.Kind, _ problem: String) -> ChartFileError {
            ChartFileError(kind: kind, path: path, problem: problem)
        }
        var error: UnsafeMutablePointer<GError>?
        let bytes = Array(svg.utf8)
        guard let handle = bytes.withUnsafeBufferPointer({ rsvg_handle_new_from_data($0.baseAddress, gsize($0.count), &error) }) else {
            throw failure(.unrenderable, "librsvg: \(consume(&error))")
        }
        defer { g_object_unref(handle) }
        var width = 0.0, height = 0.0
        guard rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) != 0, width > 0, height > 0 else {
            throw failure(.unrenderable, "the SVG has no size in pixels")
        }
        let scale = format == .png ? pngScale : 0.75
        let surface = format == .png
            ? cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32((width * scale).rounded()), Int32((height * scale).rounded()))
            : cairo_pdf_surface_create(temporary, width * scale, height * scale)
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)
        defer { cairo_destroy(context) }
        var viewport = RsvgRectangle(x: 0, y: 0, width: width * scale, height: height * scale)
        guard rsvg_handle_render_document(handle, context, &viewport, &error) != 0 else {
            throw failure(.unrenderable, "librsvg: \(consume(&error))")
        }
        let status: cairo_status_t
        if format == .png {
            status = cairo_surface_write_to_png(surface, temporary)
        } else {
            cairo_surface_finish(surface)  // writes the PDF's last page and closes the file
            status = cairo_surface_status(surface)
        }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw failure(.unwritable, "cairo: \(String(cString: cairo_status_to_string(status)))")
        }
    }

    /// The message of a GLib error, which is freed.
    private static func consume(_ error: inout UnsafeMutablePointer<GError>?) -> String {
        guard let pointer = error else { return "unknown error" }
        defer { g_error_free(pointer); error = nil }
        return pointer.pointee.message.map { String(cString: $0) } ?? "unknown error"
    }
}
