//! The state every handler shares: store connections, the calendar, the configuration.

use std::sync::{Arc, Mutex};

use gongkai_desk::Calendar;
use gongkai_store::{Store, StoreError};
use tokio::sync::Semaphore;

use crate::limit::RateLimiter;
use crate::problem::Problem;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The database: an SQLite path or a `postgres://` URL.
    pub db: String,
    /// Store connections kept open (requests beyond this wait their turn).
    pub connections: usize,
    /// Largest request body accepted, in bytes (uploads of reports).
    pub max_upload: usize,
    /// Mark cookies `Secure` (set when served over HTTPS, e.g. behind a TLS proxy).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a proxy you run).
    pub trust_proxy: bool,
    /// Requests per minute per client on the public endpoints and the login form.
    pub public_rate_per_minute: u32,
    /// Session lifetime in seconds.
    pub session_seconds: u64,
    /// Fixes "today" for the whole server — for tests, demonstrations and training only
    /// (`gongkai serve --today`): online applications take their receipt date from it.
    /// `None`: the date in China (UTC+8), whatever the server's time zone.
    pub today: Option<gongkai_desk::Day>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            db: gongkai_store::DEFAULT_DB.to_string(),
            connections: 4,
            max_upload: 20 * 1024 * 1024,
            secure_cookies: false,
            trust_proxy: false,
            public_rate_per_minute: 30,
            session_seconds: 12 * 3600,
            today: None,
        }
    }
}

/// A small pool of store connections. The store is synchronous: a connection is taken for the
/// length of one blocking task and given back.
struct Pool {
    idle: Mutex<Vec<Store>>,
    permits: Semaphore,
    target: String,
}

/// What handlers share.
pub struct Inner {
    pub config: Config,
    pub calendar: &'static Calendar,
    pub limiter: RateLimiter,
    /// Reports uploaded to the review desk and not yet saved.
    pub drafts: crate::pages::review::Drafts,
    pool: Pool,
}

/// The application's state (cheap to clone).
#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Opens the database (applying migrations) and the calendar.
    pub fn new(config: Config) -> Result<AppState, StoreError> {
        let n = config.connections.max(1);
        let mut stores = Vec::with_capacity(n);
        for _ in 0..n {
            stores.push(Store::open(&config.db)?);
        }
        let calendar = Calendar::official().map_err(|e| {
            StoreError::new(
                format!("节假日日历无法加载：{e}"),
                format!("the holiday calendar cannot be loaded: {e}"),
            )
        })?;
        let target = stores
            .first()
            .map(|s| s.target().to_string())
            .unwrap_or_default();
        Ok(AppState(Arc::new(Inner {
            limiter: RateLimiter::per_minute(config.public_rate_per_minute),
            config,
            calendar,
            drafts: Default::default(),
            pool: Pool {
                idle: Mutex::new(stores),
                permits: Semaphore::new(n),
                target,
            },
        })))
    }

    /// The database as shown to users (a URL without its password).
    pub fn db_target(&self) -> &str {
        &self.pool.target
    }

    /// Runs `f` with a store connection on a blocking thread.
    pub async fn db<T, F>(&self, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, Problem> + Send + 'static,
    {
        let _permit = self.pool.permits.acquire().await.map_err(|_| {
            Problem::internal("数据库连接池已关闭", "the connection pool is closed")
        })?;
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let store = state
                .pool
                .idle
                .lock()
                .map_err(|_| {
                    Problem::internal("数据库连接池异常", "the connection pool is poisoned")
                })?
                .pop();
            let Some(mut store) = store else {
                return Err(Problem::internal(
                    "没有可用的数据库连接",
                    "no database connection is free",
                ));
            };
            let out = f(&mut store);
            if let Ok(mut idle) = state.pool.idle.lock() {
                idle.push(store);
            }
            out
        })
        .await
        .map_err(|e| {
            Problem::internal(
                format!("后台任务失败：{e}"),
                format!("a background task failed: {e}"),
            )
        })?
    }

    /// Today for the deadlines: the configured day, or the date in China (UTC+8).
    pub fn today(&self) -> Result<gongkai_desk::Day, Problem> {
        if let Some(d) = self.config.today {
            return Ok(d);
        }
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|_| Problem::internal("系统时钟早于 1970 年", "the clock is before 1970"))?
            .as_secs()
            + 8 * 3600;
        i32::try_from(secs / 86_400)
            .ok()
            .and_then(gongkai_desk::Day::from_days_since_epoch)
            .ok_or_else(|| Problem::internal("系统时钟超出范围", "the clock is out of range"))
    }

    /// Runs CPU-bound work (reading and checking a report) on a blocking thread.
    pub async fn compute<T, F>(&self, f: F) -> Result<T, Problem>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        tokio::task::spawn_blocking(f).await.map_err(|e| {
            Problem::internal(
                format!("后台任务失败：{e}"),
                format!("a background task failed: {e}"),
            )
        })
    }
}
