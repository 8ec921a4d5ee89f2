// SPDX-License-Identifier: GPL-3.0-or-later
//
// A minimal publisher of the COP Viewer feed, written the way an outside national system
// would: only ZeroMQ (cppzmq) and the protobuf classes generated from feed.proto, none of the
// viewer's own code. It publishes one ballistic track climbing out of the Korean peninsula,
// with a heartbeat every second, then drops it.
//
//   example_publisher tcp://*:5556 [seconds]
//   cop-viewer --connect tcp://127.0.0.1:5556 --insecure   (this example has no CURVE keys)
//
// See docs/protocol.md for the rules every publisher follows.

#include "cop/wire/v1/feed.pb.h"

#include <zmq.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

namespace wire = cop::wire::v1;

namespace {

const char *const kSourceId = "JP-EXAMPLE"; // letters, digits, '-', '_', '.'; unique in the feed

std::int64_t nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

// Every message: the protocol version, and a header with a per-source sequence that
// increases by one for every message of any kind.
wire::Envelope newEnvelope(std::uint64_t &sequence, std::int64_t timeUs)
{
    wire::Envelope envelope;
    envelope.set_protocol_version(1);
    wire::Header *header = envelope.mutable_header();
    header->set_source_id(kSourceId);
    header->set_nation(wire::NATION_JP);
    header->set_sequence(++sequence);
    header->set_source_time_us(timeUs);
    return envelope;
}

// Two frames: the topic "<kind>.<NATION>.<source id>", then the serialised envelope.
void send(zmq::socket_t &socket, const char *kind, const wire::Envelope &envelope)
{
    const std::string topic = std::string(kind) + ".JP." + kSourceId;
    const std::string payload = envelope.SerializeAsString();
    socket.send(zmq::buffer(topic), zmq::send_flags::sndmore);
    socket.send(zmq::buffer(payload), zmq::send_flags::none);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s ENDPOINT [seconds]\n", argv[0]);
        return 2;
    }
    const double durationS = argc > 2 ? std::atof(argv[2]) : 60.0;

    zmq::context_t context(1);
    zmq::socket_t socket(context, zmq::socket_type::pub);
    socket.bind(argv[1]);
    std::fprintf(stderr, "example_publisher: publishing on %s\n",
                 socket.get(zmq::sockopt::last_endpoint).c_str());

    std::uint64_t sequence = 0;
    const std::int64_t launchUs = nowUs();
    const double launchLatDeg = 39.2, launchLonDeg = 125.7; // near Pyongyang
    for (int tick = 0; tick < static_cast<int>(durationS * 2); ++tick) {
        const std::int64_t t = nowUs();
        const double flightS = static_cast<double>(t - launchUs) / 1e6;

        // A track update carries the whole state every time, so a late joiner catches up.
        wire::Envelope track = newEnvelope(sequence, t);
        wire::TrackUpdate *update = track.mutable_track_update();
        update->set_track_id("EX-1");
        update->set_time_us(t);
        update->mutable_position()->set_lat_deg(launchLatDeg + 0.01 * flightS);
        update->mutable_position()->set_lon_deg(launchLonDeg + 0.03 * flightS);
        update->mutable_position()->set_altitude_m(2000.0 * flightS);
        update->mutable_velocity()->set_east_mps(2600.0);
        update->mutable_velocity()->set_north_mps(1100.0);
        update->mutable_velocity()->set_up_mps(2000.0);
        wire::Covariance3 *cov = update->mutable_position_covariance_m2();
        cov->set_ee(500.0 * 500.0);
        cov->set_nn(500.0 * 500.0);
        cov->set_uu(800.0 * 800.0);
        update->set_phase(flightS < 60.0 ? wire::TRACK_PHASE_BOOST : wire::TRACK_PHASE_MIDCOURSE);
        update->set_identity(wire::IDENTITY_HOSTILE);
        update->set_missile_class(wire::MISSILE_CLASS_MRBM);
        update->mutable_launch_point()->set_lat_deg(launchLatDeg);
        update->mutable_launch_point()->set_lon_deg(launchLonDeg);
        update->set_launch_time_us(launchUs);
        wire::ImpactPrediction *impact = update->mutable_impact();
        impact->mutable_point()->set_lat_deg(40.2);
        impact->mutable_point()->set_lon_deg(136.0);
        impact->set_time_us(launchUs + 600'000'000);
        // Impact uncertainty shrinks as the flight goes on (square metres, east/north).
        const double sigmaM = std::max(5'000.0, 100'000.0 - 1'000.0 * flightS);
        impact->mutable_covariance_m2()->set_ee(sigmaM * sigmaM);
        impact->mutable_covariance_m2()->set_nn(0.25 * sigmaM * sigmaM);
        update->add_contributing_sensors("JP-EXAMPLE-RADAR");
        update->set_quality(0.8f);
        send(socket, "track", track);

        if (tick % 2 == 0) { // one heartbeat a second
            wire::Envelope heartbeat = newEnvelope(sequence, t);
            heartbeat.mutable_heartbeat()->set_time_us(t);
            heartbeat.mutable_heartbeat()->set_update_rate_hz(2.0);
            send(socket, "heartbeat", heartbeat);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }

    wire::Envelope drop = newEnvelope(sequence, nowUs());
    drop.mutable_track_drop()->set_track_id("EX-1");
    drop.mutable_track_drop()->set_time_us(nowUs());
    drop.mutable_track_drop()->set_reason(wire::DROP_REASON_CANCELLED);
    send(socket, "drop", drop);
    std::this_thread::sleep_for(std::chrono::milliseconds(200)); // let the last frames leave
    return 0;
}
