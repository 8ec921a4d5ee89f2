// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the wire fuzzer's seed corpus: one valid message of each kind, encoded as a publisher
// sends it, in the fuzz input layout (topic length, topic, payload).
//   fuzz_make_wire_seeds fuzz/corpus/wire
#include "net/wiretestdata.h"

#include "net/wireencoder.h"

#include <cstdio>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_make_wire_seeds FOLDER\n");
        return 2;
    }
    const std::vector<std::pair<const char *, cop::FeedMessage>> samples = {
        {"track-update", cop::test::sampleTrackUpdate()},
        {"track-drop", cop::test::sampleTrackDrop()},
        {"sensor-status", cop::test::sampleSensorStatus()},
        {"heartbeat", cop::test::sampleHeartbeat()},
        {"alert-notice", cop::test::sampleAlertNotice()},
    };
    cop::net::WireEncoder encoder;
    for (const auto &[name, message] : samples) {
        std::string payload;
        if (!encoder.encode(message, payload)) {
            std::fprintf(stderr, "cannot encode %s\n", name);
            return 1;
        }
        const std::string topic = encoder.topic(message);
        std::ofstream out(std::string(argv[1]) + "/" + name + ".bin", std::ios::binary);
        out.put(static_cast<char>(topic.size()));
        out << topic << payload;
    }
    return 0;
}
