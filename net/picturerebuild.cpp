// SPDX-License-Identifier: GPL-3.0-or-later
#include "picturerebuild.h"

#include "core/picturesnapshot.h"
#include "net/wiredecoder.h"

namespace cop::net {

PictureRebuild rebuildPictureAt(SessionReader &reader, WireDecoder &decoder, TimeUs timeUs,
                                Picture &picture, RejectCounters *rejects,
                                std::size_t readWindowMessages)
{
    PictureRebuild rebuild;
    picture.clear();
    StoredSnapshot snapshot;
    if (reader.readSnapshotAtOrBefore(timeUs, snapshot)) {
        std::string why;
        if (snapshot.format != kPictureSnapshotFormat) {
            rebuild.warning = "snapshot of unknown format '" + snapshot.format + "'";
        } else if (!PictureSnapshot::decode(snapshot.data, picture, &why)) {
            rebuild.warning = "snapshot unreadable: " + why;
        } else {
            rebuild.fromSnapshot = true;
            rebuild.snapshotTimeUs = snapshot.timeUs;
            rebuild.position = snapshot.position();
        }
    }

    FeedBatch batch;
    WireDecoder::Rejection rejection;
    for (;;) {
        batch.clear();
        const SessionReadResult result = reader.read(
            rebuild.position, timeUs + 1, readWindowMessages, [&](const StoredMessage &stored) {
                FeedMessage &message = batch.emplace_back();
                if (!decoder.decode(stored.topic, stored.payload, message, rejection)) {
                    batch.pop_back();
                    if (rejects)
                        rejects->add(rejection.reason);
                    return;
                }
                message.header.receiveTimeUs = stored.receiveTimeUs;
            });
        picture.applyBatch(batch);
        rebuild.messagesReplayed += result.count;
        rebuild.position = result.last;
        if (!result.error.empty()) {
            rebuild.error = result.error;
            break;
        }
        if (result.count < readWindowMessages)
            break;
    }
    // As the viewer's picture would be: ended tracks beyond the retention are forgotten.
    picture.pruneDroppedTracks();
    return rebuild;
}

} // namespace cop::net
