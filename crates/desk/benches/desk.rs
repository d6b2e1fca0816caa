//! Deadline computation and year statistics for 1,000,000 cases.
//!
//! `cargo bench -p gongkai-desk` prints the time of each phase. The cases are generated
//! deterministically (receipts spread over 2024-01-01…2026-11-30, with corrections,
//! consultations, extensions, fees and every kind of closure in realistic proportions), then:
//! - build: every event checked by `Case::apply` (each check that needs a period computes it);
//! - due dates: the reply due date of every case (calendar arithmetic only);
//! - status: `Case::status` for every case on one day (due date, overdue, working days left);
//! - explanations: the full deadline with its chain of reasons (strings) for every case;
//! - statistics: the 表三 of 2025 from all cases, and the draft report.

use std::hint::black_box;
use std::time::Instant;

use gongkai_desk::calendar::Calendar;
use gongkai_desk::deadline::due_date;
use gongkai_desk::*;

const N: usize = 1_000_000;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap_or(Day::MIN)
}

fn make_case(rng: &mut Rng, cal: &Calendar, base: Day) -> Option<Case> {
    let submitted = base.add_days(rng.below(1065) as i32)?;
    let channel = match rng.below(5) {
        0 => Channel::InPerson,
        1 => Channel::Post {
            signed_for: submitted.add_days(rng.below(4) as i32)?,
        },
        2 => Channel::OrdinaryLetter {
            confirmed: submitted,
        },
        3 => Channel::Online {
            confirmed: submitted.add_days(rng.below(2) as i32)?,
        },
        _ => Channel::Fax {
            confirmed: submitted,
        },
    };
    let mut case = Case::open(Event {
        date: submitted,
        kind: EventKind::Received {
            channel,
            applicant: Applicant {
                name: "申请人".into(),
                kind: ApplicantType::ALL[rng.below(6) as usize],
            },
            request: "信息".into(),
        },
    })
    .ok()?;
    let r = case.receipt_date();
    let at = |n: u64| r.add_days(n as i32);
    let push = |case: &mut Case, date: Option<Day>, kind: EventKind| {
        if let Some(date) = date {
            let _ = case.apply(Event { date, kind }, cal);
        }
    };
    let roll = rng.below(100);
    if roll < 8 {
        push(
            &mut case,
            at(2),
            EventKind::CorrectionRequested { deadline: at(16)? },
        );
        if roll < 6 {
            push(&mut case, at(9), EventKind::CorrectionReceived);
        } else {
            push(
                &mut case,
                at(20),
                EventKind::Abandoned {
                    reason: Abandonment::NoCorrection,
                },
            );
        }
    } else if roll < 15 {
        let kind = if roll < 12 {
            ConsultationKind::ThirdParty
        } else {
            ConsultationKind::OtherAgency
        };
        push(&mut case, at(5), EventKind::ConsultationStarted { kind });
        push(
            &mut case,
            at(5 + rng.below(20)),
            EventKind::ConsultationAnswered { kind },
        );
    } else if roll < 20 {
        push(
            &mut case,
            at(20),
            EventKind::ExtensionApproved {
                approved_by: "主任".into(),
                days: 1 + rng.below(20) as u32,
                applicant_told: at(21)?,
            },
        );
    } else if roll < 23 {
        push(
            &mut case,
            at(6),
            EventKind::FeeNoticeIssued {
                amount_yuan: 100,
                applicant_received: at(8)?,
            },
        );
        if roll < 22 {
            push(&mut case, at(15), EventKind::FeePaid);
        } else {
            push(
                &mut case,
                at(45),
                EventKind::Abandoned {
                    reason: Abandonment::FeeNotPaid,
                },
            );
        }
    }
    if case.closure().is_none() {
        let last = case.events().last().map(|e| e.date).unwrap_or(r);
        let close = last.add_days(1 + rng.below(40) as i32);
        if rng.below(50) == 0 {
            push(&mut case, close, EventKind::Withdrawn);
        } else if rng.below(30) != 0 {
            let reply = ReplyType::ALL[rng.below(ReplyType::ALL.len() as u64) as usize];
            push(&mut case, close, EventKind::Replied { reply });
        }
    }
    Some(case)
}

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    let el = t.elapsed();
    println!(
        "{label:<44} {:>9.1} ms  ({:>6.0} ns/case)",
        el.as_secs_f64() * 1e3,
        el.as_nanos() as f64 / N as f64
    );
    out
}

fn main() {
    let cal = match Calendar::official() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let base = day("2024-01-01");
    println!("gongkai-desk: {N} cases, receipts 2024-01-01…2026-11-30");
    let cases: Vec<Case> = timed("build cases (every event checked)", || {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        (0..N)
            .filter_map(|_| make_case(&mut rng, cal, base))
            .collect()
    });
    let events: usize = cases.iter().map(|c| c.events().len()).sum();
    let open = cases.iter().filter(|c| c.closure().is_none()).count();
    println!("  {} cases, {events} events, {open} open", cases.len());

    timed("reply due date, bare (calendar arithmetic)", || {
        let mut acc = 0i64;
        for c in &cases {
            if let Ok(d) = due_date(cal, c.receipt_date(), 20, &[]) {
                acc += i64::from(d.days_since_epoch());
            }
        }
        black_box(acc)
    });
    let today = day("2026-06-30");
    let (ok, err) = timed("status on 2026-06-30 (due, overdue, days left)", || {
        let (mut ok, mut err) = (0usize, 0usize);
        for c in &cases {
            match black_box(c.status(today, cal)) {
                Ok(_) => ok += 1,
                Err(_) => err += 1,
            }
        }
        (ok, err)
    });
    println!("  {ok} statuses, {err} calendar errors (periods reaching late December 2026)");
    timed("reply deadline with explanation (zh + en)", || {
        let mut bytes = 0usize;
        for c in &cases {
            if let Ok(Some(d)) = c.reply_deadline(today, cal) {
                bytes += d.explain(Lang::Zh).len() + d.explain(Lang::En).len();
            }
        }
        black_box(bytes)
    });
    let table = timed("year statistics 2025 (表三 from all cases)", || {
        year_table(&cases, 2025)
    });
    let table = match table {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}", e.0.zh);
            return;
        }
    };
    timed("draft report from the table", || {
        black_box(table.to_report(None))
    });
    for row in ["received", "carried_in", "total", "carried_out"] {
        println!(
            "  2025 {row:<12} {:?}  total {}",
            table.row(row).unwrap_or_default(),
            table.get(row, "total").unwrap_or(0)
        );
    }
}
