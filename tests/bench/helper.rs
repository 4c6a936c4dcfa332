//! `helper-bench --helper PATH`: the helper's half of `cargo xtask bench`. Starts
//! pcscd with vpcd, runs the helper binary at PATH against it with simulated cards,
//! and prints insertion to event, reading an IDPrime card, status latency, requests
//! per second, memory, idle CPU and size (it asserts nothing). xtask cannot link
//! PC/SC itself, so it runs this.

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;
use veiviser_tests::cards::idprime::atrs;
use veiviser_tests::cards::{named, Log};
use veiviser_tests::pcscd::Pcscd;
use veiviser_tests::stack::READER_0;
use veiviser_tests::vpcd;

const ORIGIN: &str = "http://bench.example";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--helper", path] => bench(path),
        _ => Err("usage: helper-bench --helper PATH".into()),
    };
    if let Err(message) = result {
        eprintln!("helper-bench: {message}");
        std::process::exit(1);
    }
}

/// Runs every measurement against the helper binary at `path` and prints the figures.
fn bench(path: &str) -> Result<(), String> {
    let pcscd = Pcscd::start()?;
    let helper = start_helper(path)?;
    let base = helper.base.clone();
    let agent = agent();
    println!("veiviser-helper benchmark ({path})");

    // 1. Insertion to event, with a client already waiting on /v1/events, beside a
    // plain PC/SC client waiting on pcscd itself: the difference is the helper's part.
    let mut to_event = Vec::new();
    let mut to_pcsc = Vec::new();
    let mut to_read = Vec::new();
    for i in 0..10u64 {
        let seq = get(&agent, &format!("{base}/v1/status"))?["seq"].clone();
        let (waiter_base, waiter_agent) = (base.clone(), ureq::agent());
        let waiter = std::thread::spawn(move || {
            let status = get(&waiter_agent, &format!("{waiter_base}/v1/events?after={seq}"));
            (Instant::now(), status)
        });
        let pcsc_waiter = std::thread::spawn(pcsc_wait_for_card);
        // Spread the insertions over pcscd's polling period of vpcd.
        std::thread::sleep(Duration::from_millis(200 + (i * 173) % 500));
        let inserted = Instant::now();
        let card_in = vpcd::insert(pcscd.vpcd_port, named::mrs()).map_err(|e| format!("vpcd: {e}"))?;
        let (arrived, status) = waiter.join().map_err(|_| "the waiting client panicked")?;
        if card(&status?).is_null() {
            return Err("the first event after insertion did not show the card".into());
        }
        to_event.push(arrived - inserted);
        to_pcsc.push(pcsc_waiter.join().map_err(|_| "the PC/SC client panicked")?? - inserted);
        wait_for(&agent, &base, |s| card(s)["read"] == "done")?;
        to_read.push(inserted.elapsed());
        card_in.remove();
        wait_for(&agent, &base, |s| card(s).is_null())?;
    }
    to_event.sort();
    to_pcsc.sort();
    to_read.sort();
    println!(
        "insertion -> event at a waiting client: median {}, min {}, max {} (10 insertions)",
        millis(percentile(&to_event, 0.5)),
        millis(percentile(&to_event, 0.0)),
        millis(percentile(&to_event, 1.0))
    );
    println!(
        "  of which pcscd noticing the card (a plain SCardGetStatusChange client): median {}, min {}, max {}",
        millis(percentile(&to_pcsc, 0.5)),
        millis(percentile(&to_pcsc, 0.0)),
        millis(percentile(&to_pcsc, 1.0))
    );
    println!("insertion -> certificates read (\"read\": \"done\"): median {}", millis(percentile(&to_read, 0.5)));

    // 1b. Reading an IDPrime card's certificates (index, one compressed and one plain
    // certificate, the PIN counter): the read alone, as the helper's reader does it,
    // and through the helper from the "reading" event to the "done" one.
    let mut direct = Vec::new();
    let mut through_helper = Vec::new();
    let reader_name = std::ffi::CString::new(READER_0).expect("no NUL in the name");
    for _ in 0..10 {
        let card_in = vpcd::insert(pcscd.vpcd_port, named::siths_eid(&Log::default())).map_err(|e| format!("vpcd: {e}"))?;
        let seen = wait_for(&agent, &base, |s| card(s)["read"] == "reading" || card(s)["read"] == "done")?;
        let seen_at = Instant::now();
        let done = wait_for(&agent, &base, |s| card(s)["read"] == "done")?;
        if card(&seen)["read"] == "reading" {
            through_helper.push(seen_at.elapsed());
        }
        if card(&done)["certificates"].as_array().map_or(0, Vec::len) != 2 {
            return Err(format!("the IDPrime card was not read whole: {done}"));
        }
        let started = Instant::now();
        let contents = veiviser_helper::reading::read(&reader_name, &atrs::SITHS_940).map_err(|e| e.to_string())?;
        direct.push(started.elapsed());
        if contents.certificates.len() != 2 {
            return Err("a direct read of the IDPrime card found other than 2 certificates".into());
        }
        card_in.remove();
        wait_for(&agent, &base, |s| card(s).is_null())?;
    }
    direct.sort();
    through_helper.sort();
    println!(
        "reading an IDPrime card's certificates (2, one compressed, and the PIN counter): median {}, max {} (10 reads over pcscd and vpcd)",
        millis(percentile(&direct, 0.5)),
        millis(percentile(&direct, 1.0))
    );
    if !through_helper.is_empty() {
        println!(
            "  through the helper, \"reading\" event to \"done\" event: median {} ({} of 10 insertions showed \"reading\" first)",
            millis(percentile(&through_helper, 0.5)),
            through_helper.len()
        );
    }

    // 2. /v1/status latency with a card present, over one keep-alive connection.
    let _card = vpcd::insert(pcscd.vpcd_port, named::mrs()).map_err(|e| format!("vpcd: {e}"))?;
    wait_for(&agent, &base, |s| card(s)["read"] == "done")?;
    let url = format!("{base}/v1/status");
    let mut latencies: Vec<Duration> = (0..1000)
        .map(|_| {
            let started = Instant::now();
            get(&agent, &url).map(|_| started.elapsed())
        })
        .collect::<Result<_, _>>()?;
    latencies.sort();
    println!(
        "/v1/status latency with a card present: median {}, p99 {} (1000 requests, keep-alive)",
        millis(percentile(&latencies, 0.5)),
        millis(percentile(&latencies, 0.99))
    );

    // 3. Requests per second with 50 concurrent clients.
    let stop = Arc::new(AtomicBool::new(false));
    let (done, failed) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let clients: Vec<_> = (0..50)
        .map(|_| {
            let (stop, done, failed, url) = (Arc::clone(&stop), Arc::clone(&done), Arc::clone(&failed), url.clone());
            std::thread::spawn(move || {
                let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(30)).build();
                while !stop.load(Ordering::Relaxed) {
                    match get(&agent, &url) {
                        Ok(_) => done.fetch_add(1, Ordering::Relaxed),
                        Err(_) => failed.fetch_add(1, Ordering::Relaxed),
                    };
                }
            })
        })
        .collect();
    let window = Duration::from_secs(5);
    std::thread::sleep(Duration::from_millis(500));
    let (start_count, started) = (done.load(Ordering::Relaxed), Instant::now());
    std::thread::sleep(window);
    let (count, took) = (done.load(Ordering::Relaxed) - start_count, started.elapsed());
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        let _ = client.join();
    }
    println!(
        "requests per second, 50 concurrent clients: {:.0} ({} failed; clients share the 2 cores with the helper)",
        count as f64 / took.as_secs_f64(),
        failed.load(Ordering::Relaxed)
    );

    // 4. Resident memory.
    let pid = helper.child.id();
    let proc_status = std::fs::read_to_string(format!("/proc/{pid}/status")).map_err(|e| e.to_string())?;
    let field = |name: &str| {
        proc_status.lines().find(|l| l.starts_with(name)).map(|l| l[name.len()..].trim().to_owned()).unwrap_or_default()
    };
    println!("resident memory: {} now, {} at peak (VmRSS, VmHWM)", field("VmRSS:"), field("VmHWM:"));

    // 5. Idle CPU over 10 s, with a card present and a page's long poll waiting.
    let seq = get(&agent, &url)?["seq"].clone();
    let poll_url = format!("{base}/v1/events?after={seq}");
    let _poller = std::thread::spawn(move || loop {
        if get(&ureq::agent(), &poll_url).is_err() {
            return;
        }
    });
    std::thread::sleep(Duration::from_millis(300));
    let ticks = || -> Result<u64, String> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).map_err(|e| e.to_string())?;
        let after_name = &stat[stat.rfind(')').ok_or("odd /proc stat")? + 2..];
        let fields: Vec<&str> = after_name.split_whitespace().collect();
        Ok(fields[11].parse::<u64>().unwrap_or(0) + fields[12].parse::<u64>().unwrap_or(0))
    };
    let clock_ticks: f64 = Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0);
    let (before, idle_started) = (ticks()?, Instant::now());
    std::thread::sleep(Duration::from_secs(10));
    let used = (ticks()? - before) as f64 / clock_ticks;
    println!(
        "idle CPU over {:.0} s: {:.3} s of CPU ({:.2} %), card present, one long poll waiting",
        idle_started.elapsed().as_secs_f64(),
        used,
        used / idle_started.elapsed().as_secs_f64() * 100.0
    );

    // 6. Binary size.
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    println!("binary size: {:.2} MB ({path})", size as f64 / 1e6);
    drop(helper);
    Ok(())
}

/// The helper binary, killed when dropped.
struct HelperProcess {
    child: Child,
    base: String,
}

impl Drop for HelperProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().timeout(Duration::from_secs(30)).build()
}

fn get(agent: &ureq::Agent, url: &str) -> Result<Value, String> {
    agent
        .get(url)
        .set("Origin", ORIGIN)
        .call()
        .map_err(|e| format!("GET {url}: {e}"))?
        .into_json()
        .map_err(|e| format!("GET {url}: {e}"))
}

fn card(status: &Value) -> &Value {
    status["readers"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == READER_0))
        .map_or(&Value::Null, |r| &r["card"])
}

/// Follows /v1/events until `done` holds.
fn wait_for(agent: &ureq::Agent, base: &str, done: impl Fn(&Value) -> bool) -> Result<Value, String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut status = get(agent, &format!("{base}/v1/status"))?;
    while !done(&status) {
        if Instant::now() > deadline {
            return Err(format!("timed out; last status {status}"));
        }
        status = get(agent, &format!("{base}/v1/events?after={}", status["seq"]))?;
    }
    Ok(status)
}

fn start_helper(path: &str) -> Result<HelperProcess, String> {
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map_err(|e| e.to_string())?.port();
    let child = Command::new(path)
        .args(["--port", &port.to_string(), "--allow-origin", ORIGIN])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {path}: {e}"))?;
    let helper = HelperProcess { child, base: format!("http://127.0.0.1:{port}") };
    let deadline = Instant::now() + Duration::from_secs(10);
    while get(&agent(), &format!("{}/v1/status", helper.base)).map_or(true, |s| s["service"] != "ok") {
        if Instant::now() > deadline {
            return Err("the helper did not answer with the service running within 10 s".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(helper)
}

/// Waits with PC/SC itself until a card is in the reader; returns when pcscd said so.
fn pcsc_wait_for_card() -> Result<Instant, String> {
    let context = pcsc::Context::establish(pcsc::Scope::User).map_err(|e| format!("pcsc: {e}"))?;
    let name = std::ffi::CString::new(READER_0).expect("no NUL in the name");
    let mut states = [pcsc::ReaderState::new(name, pcsc::State::UNAWARE)];
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        context.get_status_change(Duration::from_secs(10), &mut states).map_err(|e| format!("pcsc: {e}"))?;
        if states[0].event_state().contains(pcsc::State::PRESENT) {
            return Ok(Instant::now());
        }
        if Instant::now() > deadline {
            return Err("pcscd did not report the card within 10 s".into());
        }
        states[0].sync_current_state();
    }
}

fn millis(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}
