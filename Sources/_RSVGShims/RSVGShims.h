// librsvg (SVG parsing and rendering) and cairo's PNG and PDF surfaces, which turn our SVG
// charts into PNG and PDF files. Internal to ChartFiles.
#ifndef LOCAL_RANK_RSVG_SHIMS_H
#define LOCAL_RANK_RSVG_SHIMS_H
#include <librsvg/rsvg.h>
#include <cairo.h>
#include <cairo-pdf.h>
#endif
