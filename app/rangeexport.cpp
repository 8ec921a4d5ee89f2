// SPDX-License-Identifier: GPL-3.0-or-later
#include "rangeexport.h"

#include "core/picturesnapshot.h"
#include "net/picturerebuild.h"
#include "net/wiredecoder.h"

namespace cop {

std::optional<StoredSnapshot> buildRangeStartSnapshot(SessionReader &reader, TimeUs fromUs,
                                                      std::string *error)
{
    Picture picture;
    net::WireDecoder decoder;
    const net::PictureRebuild rebuild = net::rebuildPictureAt(reader, decoder, fromUs - 1, picture);
    if (!rebuild.error.empty()) {
        if (error)
            *error = rebuild.error;
        return std::nullopt;
    }
    if (rebuild.position.receiveTimeUs == kTimeUnset)
        return std::nullopt; // the range starts with the session
    StoredSnapshot snapshot;
    snapshot.timeUs = rebuild.position.receiveTimeUs;
    snapshot.lastMessageId = rebuild.position.id;
    snapshot.format = kPictureSnapshotFormat;
    snapshot.data = PictureSnapshot::encode(picture);
    return snapshot;
}

SessionRangeExportResult exportSessionRangeFile(SessionRangeExportRequest request)
{
    SessionReader reader;
    SessionRangeExportResult result;
    if (!reader.open(request.sourcePath, &result.error))
        return result;
    std::string why;
    request.startSnapshot = buildRangeStartSnapshot(reader, request.fromUs, &why);
    if (!why.empty()) {
        result.error = "cannot rebuild the picture at the start of the range: " + why;
        return result;
    }
    return exportSessionRange(reader, request);
}

} // namespace cop
