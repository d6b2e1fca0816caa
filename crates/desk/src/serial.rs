//! How the history's values are written as JSON (or any serde format) for storage.
//!
//! Every value is written by its stable key, the same key the CSV and the statistics use: a
//! [`Day`] as `YYYY-MM-DD`, an applicant type as its `requests` column key, a reply type as its
//! key. So a stored history reads the same to a person, to SQL (`json_extract`, `->>`) and to
//! a later version of this crate, and renaming a Rust variant cannot silently change stored data.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::day::Day;
use crate::outcome::{ApplicantType, ReplyType};

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        let s = String::deserialize(d)?;
        Day::parse(&s).map_err(|e| D::Error::custom(e.message().en))
    }
}

/// Serialise a type by its `key()` and read it back with `from_key`.
macro_rules! by_key {
    ($ty:ty, $what:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.key())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                let s = String::deserialize(d)?;
                <$ty>::from_key(&s).ok_or_else(|| {
                    D::Error::custom(format!(concat!("unknown ", $what, " {:?}"), s))
                })
            }
        }
    };
}

by_key!(ApplicantType, "applicant type");
by_key!(ReplyType, "reply type");

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::event::{Applicant, ConsultationKind, Event, EventKind};
    use crate::outcome::Abandonment;
    use crate::receipt::Channel;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn every_event_kind_round_trips_with_its_key_as_tag() {
        let kinds = vec![
            EventKind::Received {
                channel: Channel::Post {
                    signed_for: d("2026-02-11"),
                },
                applicant: Applicant {
                    name: "张三".into(),
                    kind: ApplicantType::LegalService,
                },
                request: "环评批复".into(),
            },
            EventKind::CorrectionRequested {
                deadline: d("2026-03-01"),
            },
            EventKind::CorrectionReceived,
            EventKind::ConsultationStarted {
                kind: ConsultationKind::ThirdParty,
            },
            EventKind::ConsultationAnswered {
                kind: ConsultationKind::OtherAgency,
            },
            EventKind::ExtensionApproved {
                approved_by: "李四".into(),
                days: 20,
                applicant_told: d("2026-03-02"),
            },
            EventKind::FeeNoticeIssued {
                amount_yuan: 100,
                applicant_received: d("2026-03-03"),
            },
            EventKind::FeePaid,
            EventKind::Replied {
                reply: ReplyType::ALL[3],
            },
            EventKind::Withdrawn,
            EventKind::Abandoned {
                reason: Abandonment::FeeNotPaid,
            },
        ];
        for kind in kinds {
            let e = Event {
                date: d("2026-02-10"),
                kind,
            };
            let json = serde_json::to_value(&e).unwrap();
            assert_eq!(json["kind"]["event"], e.kind.key(), "{json}");
            assert_eq!(json["date"], "2026-02-10");
            let back: Event = serde_json::from_value(json).unwrap();
            assert_eq!(back, e);
        }
    }
}
