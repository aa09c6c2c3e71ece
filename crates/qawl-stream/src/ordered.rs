//! An ordered, bounded parallel map.
//!
//! Items are [`Ordered::submit`]ted one at a time with a weight (their size
//! in bytes); a pool of `jobs` threads runs each item's work; [`Ordered::next`]
//! returns the results **in submission order**, whatever order the work
//! finishes in.
//!
//! Guarantees:
//!
//! - Bounded memory: at most `max_items` items are in flight (submitted, not
//!   yet returned by `next`), and a new item is admitted only while the
//!   weights in flight sum to less than `max_bytes` (one item is always
//!   admitted, however heavy). Finished results wait in the window, so it
//!   bounds them too.
//! - Nothing lost or reordered: every submitted item yields exactly one
//!   result, the `n`th `next` returns the `n`th item's.
//! - No panic escapes: a panic in an item's work is caught on the pool
//!   thread and returned as that item's [`Panicked`] (a panic leaving a rayon
//!   `spawn` would abort the process).
//!
//! Two ways to drive it. From two threads (the CLI): one submits, blocking
//! while the window is full, then calls [`Ordered::close`]; another calls
//! `next` until it returns `None`. From one thread (the Python iterator):
//! submit only while [`Ordered::has_room`], then take one result with `next`;
//! a full window never blocks a thread that is also the one emptying it.

use std::collections::{HashMap, VecDeque};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

/// The work of one item panicked; the panic's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Panicked(pub String);

impl std::fmt::Display for Panicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "qawl failed on this article (internal error: {}); please report it with the article's text",
            self.0
        )
    }
}

/// What [`Ordered::try_next`] found.
#[derive(Debug)]
pub enum Poll<R> {
    /// The next result in order.
    Ready(Result<R, Panicked>),
    /// The next result is still being worked on (or not yet submitted).
    Pending,
    /// Closed, and every result has been returned.
    Finished,
}

/// A parallel map whose results come back in submission order. See the
/// module documentation.
pub struct Ordered<R> {
    pool: rayon::ThreadPool,
    shared: Arc<Shared<R>>,
    max_items: usize,
    max_bytes: usize,
}

struct Shared<R> {
    state: Mutex<State<R>>,
    /// Signalled when a result arrives, a result is taken, or the window is
    /// closed or abandoned.
    changed: Condvar,
}

struct State<R> {
    /// Items submitted so far; the next item's sequence number.
    submitted: u64,
    /// Results returned so far; the sequence number `next` waits for.
    delivered: u64,
    /// The weight of each item in flight, oldest first.
    weights: VecDeque<usize>,
    weight_in_flight: usize,
    /// Finished results not yet returned, by sequence number.
    done: HashMap<u64, Result<R, Panicked>>,
    /// No more items will be submitted.
    closed: bool,
    /// The consumer has given up (e.g. its output closed): submitting stops.
    abandoned: bool,
}

impl<R: Send + 'static> Ordered<R> {
    /// A map over `jobs` threads (at least one) with at most `max_items`
    /// items (at least one) and about `max_bytes` of weight in flight.
    pub fn new(jobs: usize, max_items: usize, max_bytes: usize) -> std::io::Result<Ordered<R>> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .thread_name(|i| format!("qawl-{i}"))
            .build()
            .map_err(std::io::Error::other)?;
        Ok(Ordered {
            pool,
            shared: Arc::new(Shared {
                state: Mutex::new(State {
                    submitted: 0,
                    delivered: 0,
                    weights: VecDeque::new(),
                    weight_in_flight: 0,
                    done: HashMap::new(),
                    closed: false,
                    abandoned: false,
                }),
                changed: Condvar::new(),
            }),
            max_items: max_items.max(1),
            max_bytes,
        })
    }

    /// The number of threads the work runs on.
    pub fn jobs(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Whether [`Ordered::submit`] would admit an item now without waiting.
    pub fn has_room(&self) -> bool {
        self.room(&self.lock())
    }

    fn room(&self, s: &State<R>) -> bool {
        let in_flight = s.weights.len();
        in_flight == 0 || (in_flight < self.max_items && s.weight_in_flight < self.max_bytes)
    }

    fn lock(&self) -> MutexGuard<'_, State<R>> {
        // The lock is never held while user code runs, so it cannot be
        // poisoned by a panic in an item's work; recover all the same.
        self.shared
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Submits one item of `weight` bytes whose result `work` computes on
    /// the pool, waiting while the window is full. Returns `false`, without
    /// running `work`, once the consumer has [`Ordered::abandon`]ed.
    ///
    /// # Panics
    /// If called after [`Ordered::close`].
    pub fn submit<F>(&self, weight: usize, work: F) -> bool
    where
        F: FnOnce() -> R + Send + 'static,
    {
        let mut s = self.lock();
        while !s.abandoned && !self.room(&s) {
            s = self
                .shared
                .changed
                .wait(s)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        if s.abandoned {
            return false;
        }
        assert!(!s.closed, "submit after close");
        let seq = s.submitted;
        s.submitted += 1;
        s.weights.push_back(weight);
        s.weight_in_flight += weight;
        drop(s);
        let shared = Arc::clone(&self.shared);
        // FIFO: the oldest item is the one the consumer waits for.
        self.pool.spawn_fifo(move || {
            let result =
                catch_unwind(AssertUnwindSafe(work)).map_err(|p| Panicked(panic_message(&*p)));
            let mut s = shared
                .state
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            s.done.insert(seq, result);
            drop(s);
            shared.changed.notify_all();
        });
        true
    }

    /// Says no more items will come: [`Ordered::next`] returns `None` once
    /// every submitted item's result has been returned.
    pub fn close(&self) {
        self.lock().closed = true;
        self.shared.changed.notify_all();
    }

    /// Says the consumer will take no more results (its output is gone):
    /// [`Ordered::submit`] stops admitting items and returns `false`.
    pub fn abandon(&self) {
        self.lock().abandoned = true;
        self.shared.changed.notify_all();
    }

    /// The next result in submission order, waiting for it if needed;
    /// `None` once the map is closed and every result has been returned.
    /// From one thread, call it only with an item in flight or after
    /// `close`: otherwise nothing could ever arrive.
    pub fn next(&self) -> Option<Result<R, Panicked>> {
        let mut s = self.lock();
        loop {
            match self.take(&mut s) {
                Poll::Ready(r) => return Some(r),
                Poll::Finished => return None,
                Poll::Pending => {
                    s = self
                        .shared
                        .changed
                        .wait(s)
                        .unwrap_or_else(|poisoned| poisoned.into_inner())
                }
            }
        }
    }

    /// The next result in submission order if it is ready; never waits.
    pub fn try_next(&self) -> Poll<R> {
        let mut s = self.lock();
        self.take(&mut s)
    }

    fn take(&self, s: &mut State<R>) -> Poll<R> {
        if let Some(r) = s.done.remove(&s.delivered) {
            s.delivered += 1;
            let weight = s.weights.pop_front().unwrap_or(0);
            s.weight_in_flight -= weight;
            self.shared.changed.notify_all();
            Poll::Ready(r)
        } else if s.closed && s.delivered == s.submitted {
            Poll::Finished
        } else {
            Poll::Pending
        }
    }
}

/// A panic payload's message: panics carry a `&str` or a `String`.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn results_come_back_in_order_when_work_finishes_out_of_order() {
        let map = Ordered::new(4, 16, usize::MAX).unwrap();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                for i in 0..200u64 {
                    // Early items are the slow ones.
                    let delay = Duration::from_micros((200 - i) * 20);
                    assert!(map.submit(1, move || {
                        std::thread::sleep(delay);
                        i
                    }));
                }
                map.close();
            });
            let got: Vec<u64> = std::iter::from_fn(|| map.next())
                .map(Result::unwrap)
                .collect();
            assert_eq!(got, (0..200).collect::<Vec<_>>());
        });
    }

    #[test]
    fn a_panic_becomes_that_items_error_and_the_rest_go_on() {
        let map = Ordered::new(2, 8, usize::MAX).unwrap();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                for i in 0..20u32 {
                    map.submit(1, move || {
                        if i == 7 {
                            panic!("boom at {i}");
                        }
                        i
                    });
                }
                map.close();
            });
            let got: Vec<Result<u32, Panicked>> = std::iter::from_fn(|| map.next()).collect();
            assert_eq!(got.len(), 20);
            for (i, r) in got.iter().enumerate() {
                if i == 7 {
                    assert_eq!(r, &Err(Panicked("boom at 7".into())));
                } else {
                    assert_eq!(r, &Ok(i as u32));
                }
            }
        });
    }

    #[test]
    fn no_more_than_the_window_is_in_flight() {
        const WINDOW: usize = 5;
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let map = Ordered::new(8, WINDOW, usize::MAX).unwrap();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                for _ in 0..50 {
                    let (running, peak) = (Arc::clone(&running), Arc::clone(&peak));
                    map.submit(1, move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        peak.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(2));
                        running.fetch_sub(1, Ordering::SeqCst);
                    });
                }
                map.close();
            });
            // A slow consumer: the submitter must wait for it.
            while map.next().is_some() {
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        let peak = peak.load(Ordering::SeqCst);
        assert!(peak <= WINDOW, "{peak} items ran at once");
    }

    #[test]
    fn weight_bounds_the_window_but_one_heavy_item_always_passes() {
        let map: Ordered<()> = Ordered::new(1, 100, 10).unwrap();
        assert!(map.has_room());
        map.submit(50, || ());
        assert!(
            !map.has_room(),
            "50 bytes in flight, over the 10-byte budget"
        );
        assert_eq!(map.next(), Some(Ok(())));
        assert!(map.has_room());
        assert!(matches!(map.try_next(), Poll::Pending));
        map.submit(3, || ());
        assert!(map.has_room(), "3 of 10 bytes in flight");
    }

    #[test]
    fn one_thread_fills_while_there_is_room_then_drains() {
        let map = Ordered::new(2, 3, usize::MAX).unwrap();
        let mut got = Vec::new();
        let mut items = 0..10;
        loop {
            while map.has_room() {
                match items.next() {
                    Some(i) => _ = map.submit(1, move || i * 2),
                    None => {
                        map.close();
                        break;
                    }
                }
            }
            match map.next() {
                Some(r) => got.push(r.unwrap()),
                None => break,
            }
        }
        assert_eq!(got, (0..10).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn abandoning_stops_a_waiting_submitter() {
        let map = Ordered::new(1, 1, usize::MAX).unwrap();
        std::thread::scope(|scope| {
            let submitter = scope.spawn(|| {
                let mut admitted = 0;
                while map.submit(1, || ()) {
                    admitted += 1;
                }
                admitted
            });
            std::thread::sleep(Duration::from_millis(20));
            map.abandon();
            // One item filled the window; the second submit waited, then gave up.
            assert_eq!(submitter.join().unwrap(), 1);
        });
    }
}
