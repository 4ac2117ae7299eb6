//! Tests of the record (`highwater_core::record`): a step the façade carries out from a published
//! plan and posts leaves the core exactly where calling the core for it would, and each plan is
//! published only while its step is due. Each test drives two identical streams, one through the
//! plan and one through the calls the plan stands for, and compares their snapshots.

// Setup steps drive the core without carrying out what it asks for.
#![allow(unused_must_use)]

use highwater_core::readable::{act, Readable};
use highwater_core::record::{answer, posted, Record};
use highwater_core::side::Options;
use highwater_core::stream::Stream;
use highwater_core::writable::{wact, Writable};

fn options(hwm: f64) -> Options {
    Options { high_water_mark: Some(hwm), ..Options::default() }
}

/// A readable stream in flowing mode with a `'data'` listener, out of its first read's sync
/// phase, so that a push goes straight to `'data'`.
fn flowing_readable() -> Stream {
    let mut r = Readable::new(options(4.0)).unwrap();
    r.on_data(false);
    r.set_flowing(Some(true));
    r.read(0.0);
    r.read_after_read(0.0);
    Stream { readable: Some(r), writable: None }
}

/// A stream the façade would have in hand: published.
fn published(s: &mut Stream) -> Record {
    let mut record = Record::default();
    s.publish(&mut record);
    record
}

#[test]
fn a_posted_data_emission_does_what_after_data_does() {
    let (mut planned, mut called) = (flowing_readable(), flowing_readable());
    for s in [&mut planned, &mut called] {
        assert!(s.readable.as_mut().unwrap().push(1.0, 1.0).intersects(act::EMIT_DATA));
    }
    let mut record = published(&mut planned);
    assert_ne!(record.answers & answer::R_PLAN_AFTER_DATA, 0, "the plan is published while 'data' runs");
    let answer = called.readable.as_mut().unwrap().after_data();
    assert_eq!(record.answers & answer::R_PUSH_MORE != 0, answer.intersects(act::RETURN_TRUE));
    assert_eq!(record.answers & answer::R_READ_MORE_AFTER_DATA != 0, answer.intersects(act::TICK_READ_MORE));
    // The façade's side of it: copy the planned word, post the step.
    record.r_state = record.r_state_after_data;
    record.posted |= posted::AFTER_DATA;
    planned.take_posted(&mut record);
    assert_eq!(record.posted, 0);
    assert_eq!(planned.snapshot(), called.snapshot());
    assert_eq!(published(&mut planned).answers & answer::R_PLAN_AFTER_DATA, 0, "no plan once it was carried out");
}

fn writable_stream(hwm: f64) -> Stream {
    Stream { readable: None, writable: Some(Writable::new(options(hwm)).unwrap()) }
}

#[test]
fn a_posted_synchronous_callback_and_return_do_what_the_calls_do() {
    for (hwm, len) in [(16.0, 1.0), (2.0, 5.0)] {
        let (mut planned, mut called) = (writable_stream(hwm), writable_stream(hwm));
        for s in [&mut planned, &mut called] {
            assert!(s.write(len, false, true).intersects(wact::CALL_WRITE));
        }
        let mut record = published(&mut planned);
        assert_ne!(record.answers & answer::W_PLAN_ONWRITE, 0, "planned while _write runs");
        let onwrite = called.onwrite_and_after(false, false, false);
        let returned = called.writable.as_mut().unwrap().write_done();
        assert_eq!(record.onwrite_actions, onwrite.bits(), "hwm {hwm}");
        assert_eq!(
            record.answers & answer::W_WRITE_TRUE_AFTER_ONWRITE != 0,
            returned.intersects(wact::RETURN_TRUE),
            "hwm {hwm}"
        );
        record.w_state = record.w_state_after_onwrite;
        record.w_length = record.w_length_after_onwrite;
        record.w_state = record.w_state_after_onwrite_write;
        record.posted |= posted::ONWRITE | posted::WRITE_DONE;
        planned.take_posted(&mut record);
        assert_eq!(planned.snapshot(), called.snapshot(), "hwm {hwm}");
    }
}

#[test]
fn a_posted_return_before_the_callback_does_what_write_done_does() {
    let (mut planned, mut called) = (writable_stream(2.0), writable_stream(2.0));
    for s in [&mut planned, &mut called] {
        s.write(5.0, true, true);
    }
    let mut record = published(&mut planned);
    let returned = called.writable.as_mut().unwrap().write_done();
    assert_eq!(record.answers & answer::W_WRITE_TRUE != 0, returned.intersects(wact::RETURN_TRUE));
    record.w_state = record.w_state_after_write;
    record.posted |= posted::WRITE_DONE;
    planned.take_posted(&mut record);
    assert_eq!(planned.snapshot(), called.snapshot());
    let after = published(&mut planned);
    assert_eq!(after.answers & (answer::W_PLAN_WRITE_DONE | answer::W_PLAN_ONWRITE), 0, "_write has returned");
}

#[test]
fn no_onwrite_plan_while_buffered_writes_wait() {
    let mut s = writable_stream(16.0);
    s.write(1.0, false, true);
    s.write(1.0, false, true); // buffered: the callback of the first hands it over
    assert_eq!(published(&mut s).answers & answer::W_PLAN_ONWRITE, 0);
}

#[test]
fn a_transform_callback_plan_follows_the_readable_length_at_the_write() {
    let duplex = || Stream {
        readable: Some(Readable::new(options(2.0)).unwrap()),
        writable: Some(Writable::new(options(16.0)).unwrap()),
    };
    let mut s = duplex();
    s.write(1.0, false, true);
    assert_ne!(published(&mut s).answers & answer::T_CALLBACK_NOW, 0, "nothing pushed yet");
    s.readable.as_mut().unwrap().push(3.0, 3.0);
    assert_ne!(published(&mut s).answers & answer::T_CALLBACK_HOLD, 0, "grew to 3 >= hwm 2");
    assert_eq!(s.transform_done(s.transform_length_before(), true, false, false), wact::CALLBACK_HOLD);
}
