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

} // namespace segmenta::read
