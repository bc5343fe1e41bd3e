#pragma once

#include <QIODevice>

#include <expat.h>

namespace segmenta::read {

// One step of streaming a part into expat: resumes a parser its handlers suspended, or reads the next chunk
// (straight into expat's buffer) and parses it; the empty chunk at the end of the part ends the document.
// Shared by the workbook readers, which decide from their own state what the step means.
struct XmlStep
{
    XML_Status status = XML_STATUS_ERROR;
    bool outOfMemory = false; // expat could not give a buffer
    bool readFailed = false;  // the part could not be read (its errorString() says why)
    bool atEnd = false;       // the part had nothing more: the document was ended
};

inline XmlStep feedXml(XML_Parser parser, QIODevice &part, bool resume, int chunk)
{
    XmlStep step;
    if (resume) {
        step.status = XML_ResumeParser(parser);
        return step;
    }
    void *buffer = XML_GetBuffer(parser, chunk);
    if (!buffer) {
        step.outOfMemory = true;
        return step;
    }
    const qint64 n = part.read(static_cast<char *>(buffer), chunk);
    if (n < 0) {
        step.readFailed = true;
        return step;
    }
    step.atEnd = n == 0;
    step.status = XML_ParseBuffer(parser, int(n), step.atEnd);
    return step;
}

// What feeding a sheet until its next row came to.
enum class RowFeed {
    Row,            // the handlers have a row ready
    End,            // the sheet has no more rows
    OutOfMemory,    // expat could not give a buffer
    ReadFailed,     // the part could not be read: its errorString() says why
    HandlersFailed, // the handlers failed and recorded why
    Dtd,            // the XML declares a DTD (refused: entity expansion)
    Damaged,        // the XML is not well formed
};

// Feeds `part` to `parser` until the handlers have a row ready (`state.rowReady`), the sheet ends, or something
// fails. The handlers suspend the parser after each row; `suspended` carries that from call to call.
// `handlersFailed` is tested after each step (the reader's own error, set by its handlers). `State` has
// rowReady, done (the sheet ended) and refused (a DTD). Shared by the workbook readers, which word the
// outcome in their own terms.
template <typename Part, typename State, typename Failed>
RowFeed feedRow(XML_Parser parser, Part &part, bool &suspended, int chunk, State &state, const Failed &handlersFailed)
{
    state.rowReady = false;
    while (!state.rowReady) {
        const XmlStep step = feedXml(parser, part, suspended, chunk);
        if (step.outOfMemory)
            return RowFeed::OutOfMemory;
        if (step.readFailed)
            return RowFeed::ReadFailed;
        if (step.atEnd && step.status == XML_STATUS_OK && !state.done)
            return RowFeed::End; // the document ended without the end of a sheet: nothing more in it
        suspended = step.status == XML_STATUS_SUSPENDED;
        if (handlersFailed)
            return RowFeed::HandlersFailed;
        if (state.refused)
            return RowFeed::Dtd;
        if (state.done)
            return RowFeed::End;
        if (step.status == XML_STATUS_ERROR)
            return part.failed() ? RowFeed::ReadFailed : RowFeed::Damaged;
    }
    return RowFeed::Row;
}

} // namespace segmenta::read
