//! The browser-test harness: the application served in-process on a free port over a fresh
//! SQLite database, and a headless Chromium driven through Debian's chromedriver (WebDriver,
//! via `fantoccini`).
//!
//! A flow reads like what a person does:
//!
//! ```ignore
//! let Some((_site, b)) = harness::open(&[REVIEWER]).await else { return };
//! b.login(&REVIEWER).await;
//! b.goto("/review").await;
//! b.fill("textarea[name=text]", "…").await;
//! b.submit("main form button[type=submit]").await;
//! assert!(b.text("h1").await.contains("…"));
//! b.screenshot("review-draft").await;
//! ```
//!
//! Every step is bounded ([`STEP`]); where Chromium or chromedriver is missing, [`open`] prints a
//! `SKIPPED: …` line and the test returns (passes). Browsers take turns (one at a time in this
//! test binary): the machines have two cores, and a second Chromium only makes both slow.

use std::future::Future;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use gongkai_store::{Role, Store};
use gongkai_web::{serve_on, AppState, Config};
use serde_json::{json, Value};
use tokio::sync::{Mutex, MutexGuard};

/// The longest any one step (a command to the browser, a wait for a page) may take.
pub const STEP: Duration = Duration::from_secs(30);

/// The browser window (and so every screenshot's width).
pub const WIDTH: u32 = 1280;
pub const HEIGHT: u32 = 1000;

/// A test account, created in the database before the server starts.
#[derive(Debug, Clone, Copy)]
pub struct Account {
    pub username: &'static str,
    /// The display name shown in the header.
    pub name: &'static str,
    pub role: Role,
    pub password: &'static str,
}

pub const REVIEWER: Account = Account {
    username: "shen.li",
    name: "李审核",
    role: Role::Reviewer,
    password: "reviewer-pass-2024",
};

pub const CLERK: Account = Account {
    username: "ban.wang",
    name: "王办理",
    role: Role::Clerk,
    password: "clerk-pass-2024",
};

pub const ADMIN: Account = Account {
    username: "guan.zhao",
    name: "赵管理",
    role: Role::Admin,
    password: "admin-pass-2024",
};

/// A file of the workspace (fixtures, examples), by its path from the workspace root.
pub fn workspace_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// The site and a browser on it, or `None` (after a `SKIPPED:` line) where no browser is
/// installed.
pub async fn open(accounts: &[Account]) -> Option<(Site, Browser)> {
    open_in(Kind::Chromium, accounts).await
}

/// Like [`open`], in the browser `kind`.
pub async fn open_in(kind: Kind, accounts: &[Account]) -> Option<(Site, Browser)> {
    let tools = Tools::find(kind)?;
    let site = Site::start(accounts).await;
    let browser = Browser::start(&tools, &site.base).await;
    Some((site, browser))
}

/// Like [`open`], with the server's "today" fixed to `today` (`YYYY-MM-DD`, `Config::today`):
/// online applications are received that day and the desk counts from it, so the dates a flow
/// asserts are the same every day it runs.
pub async fn open_at(accounts: &[Account], today: &str) -> Option<(Site, Browser)> {
    open_in_at(Kind::Chromium, accounts, today).await
}

/// Like [`open_at`], in the browser `kind`.
pub async fn open_in_at(kind: Kind, accounts: &[Account], today: &str) -> Option<(Site, Browser)> {
    let tools = Tools::find(kind)?;
    let day =
        gongkai_desk::Day::parse(today).unwrap_or_else(|e| panic!("{today}: {}", e.message().en));
    let site = Site::start_with(accounts, Some(day)).await;
    let browser = Browser::start(&tools, &site.base).await;
    Some((site, browser))
}

/// The application, served in-process until dropped.
pub struct Site {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// The SQLite database the server uses.
    pub db: String,
    server: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

impl Site {
    /// A fresh database with `accounts`, served on a free port of 127.0.0.1.
    pub async fn start(accounts: &[Account]) -> Site {
        Site::start_with(accounts, None).await
    }

    /// A fresh database with `accounts`, served with "today" fixed to `today` (`None`: the
    /// date in China).
    pub async fn start_with(accounts: &[Account], today: Option<gongkai_desk::Day>) -> Site {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("gongkai.db").to_string_lossy().into_owned();
        {
            let mut store = Store::open(&db).expect("open the test database");
            for a in accounts {
                let hash = gongkai_web::auth::password::hash(a.password).expect("hash a password");
                store
                    .create_user(a.username, a.name, a.role, &hash, "test")
                    .expect("create a test account");
            }
        }
        let state = AppState::new(Config {
            db: db.clone(),
            // Every test logs in from 127.0.0.1: keep the login form's limit out of the way.
            public_rate_per_minute: 10_000,
            today,
            ..Config::default()
        })
        .expect("open the application's state");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("the server's address");
        let server = tokio::spawn(async move {
            if let Err(e) = serve_on(state, listener).await {
                eprintln!("the test server stopped: {e}");
            }
        });
        Site {
            base: format!("http://{addr}"),
            db,
            server,
            _dir: dir,
        }
    }

    /// The database, for checks behind the pages' back (open while the server runs).
    pub fn store(&self) -> Store {
        Store::open(&self.db).expect("open the test database")
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Which browser a flow runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Debian's Chromium through chromedriver (every flow).
    Chromium,
    /// Firefox ESR (the browser of many government desktops) through geckodriver.
    Firefox,
}

/// A browser and its WebDriver server, where installed.
struct Tools {
    kind: Kind,
    browser: PathBuf,
    driver: PathBuf,
}

impl Tools {
    /// Chromium: `GONGKAI_CHROMIUM` / `GONGKAI_CHROMEDRIVER`, else `chromium` (or
    /// `chromium-browser`, `google-chrome`) and `chromedriver` on the `PATH`. Firefox:
    /// `firefox-esr` (or `firefox`) and `geckodriver` on the `PATH`.
    fn find(kind: Kind) -> Option<Tools> {
        let (browser, driver, install) = match kind {
            Kind::Chromium => (
                std::env::var_os("GONGKAI_CHROMIUM")
                    .map(PathBuf::from)
                    .or_else(|| {
                        ["chromium", "chromium-browser", "google-chrome"]
                            .iter()
                            .find_map(|n| on_path(n))
                    }),
                std::env::var_os("GONGKAI_CHROMEDRIVER")
                    .map(PathBuf::from)
                    .or_else(|| on_path("chromedriver")),
                "apt-get install chromium chromium-driver fonts-noto-cjk",
            ),
            Kind::Firefox => (
                ["firefox-esr", "firefox"].iter().find_map(|n| on_path(n)),
                on_path("geckodriver"),
                "apt-get install firefox-esr; cargo install geckodriver",
            ),
        };
        match (browser, driver) {
            (Some(browser), Some(driver)) => Some(Tools {
                kind,
                browser,
                driver,
            }),
            (browser, _) => {
                let tool = match (kind, browser.is_none()) {
                    (Kind::Chromium, true) => "chromium",
                    (Kind::Chromium, false) => "chromedriver",
                    (Kind::Firefox, true) => "firefox",
                    (Kind::Firefox, false) => "geckodriver",
                };
                eprintln!("SKIPPED: {tool} is not installed ({install})");
                None
            }
        }
    }
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Browsers take turns in this test binary (see the module's documentation).
static TURN: Mutex<()> = Mutex::const_new(());

/// chromedriver, killed with everything it started (Chromium) when dropped.
struct Driver {
    child: Child,
    /// chromedriver's log: kept when the test failed, removed otherwise.
    log: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Chromium (and its helpers) if a failed test left it running: every process descended
        // from chromedriver, by id, found before chromedriver itself goes.
        let pids = descendants(self.child.id());
        if !pids.is_empty() {
            let _ = Command::new("kill")
                .arg("-KILL")
                .args(pids.iter().map(u32::to_string))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("chromedriver's log: {}", self.log.display());
        } else {
            let _ = std::fs::remove_file(&self.log);
        }
    }
}

/// The processes descended from `root` (from /proc; none where there is no /proc).
fn descendants(root: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    // (pid, parent) of every process; the parent is the field after the parenthesised name.
    let procs: Vec<(u32, u32)> = dir
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let rest = &stat[stat.rfind(')')? + 1..];
            let ppid = rest.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            procs
                .iter()
                .filter(|(pid, ppid)| *ppid == parent && !found.contains(pid))
                .map(|(pid, _)| *pid)
                .collect::<Vec<_>>(),
        );
        i += 1;
    }
    found.remove(0);
    found
}

/// A headless Chromium on the site.
pub struct Browser {
    client: Option<Client>,
    base: String,
    // Dropped in this order: the WebDriver session, then chromedriver, then the turn.
    _driver: Driver,
    _turn: MutexGuard<'static, ()>,
}

/// Runs one step with the [`STEP`] bound; panics with `what` on an error or a timeout.
async fn step<T, E: std::fmt::Debug>(what: &str, f: impl Future<Output = Result<T, E>>) -> T {
    match tokio::time::timeout(STEP, f).await {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => panic!("{what}: {e:?}"),
        Err(_) => panic!("{what}: no answer within {STEP:?}"),
    }
}

impl Browser {
    async fn start(tools: &Tools, base: &str) -> Browser {
        let turn = TURN.lock().await;
        let port = free_port();
        let log = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chromedriver-{port}.log"));
        let mut cmd = Command::new(&tools.driver);
        match tools.kind {
            Kind::Chromium => {
                cmd.arg(format!("--port={port}"))
                    .arg(format!("--log-path={}", log.display()));
            }
            Kind::Firefox => {
                cmd.arg("--port").arg(port.to_string());
            }
        }
        cmd
            // Chromium on Linux takes its interface language (the file input's 选择文件) from
            // the environment, not from --lang.
            .env("LANGUAGE", "zh_CN:zh")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", tools.driver.display()));
        let driver = Driver {
            child,
            log: log.clone(),
        };
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let started = Instant::now();
        while tokio::net::TcpStream::connect(addr).await.is_err() {
            assert!(
                started.elapsed() < STEP,
                "chromedriver did not listen on {addr} within {STEP:?} (log: {})",
                log.display()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let caps = match tools.kind {
            Kind::Chromium => json!({
                "browserName": "chrome",
                "pageLoadStrategy": "normal",
                "timeouts": { "pageLoad": 20_000, "script": 10_000, "implicit": 0 },
                "goog:chromeOptions": {
                    "binary": tools.browser.to_string_lossy(),
                    "args": [
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        format!("--window-size={WIDTH},{HEIGHT}"),
                        "--lang=zh-CN",
                        "--hide-scrollbars",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--disable-extensions",
                    ],
                    "prefs": { "intl.accept_languages": "zh-CN,zh" },
                },
            }),
            Kind::Firefox => json!({
                "browserName": "firefox",
                "pageLoadStrategy": "normal",
                "timeouts": { "pageLoad": 20_000, "script": 10_000, "implicit": 0 },
                "moz:firefoxOptions": {
                    "binary": tools.browser.to_string_lossy(),
                    "args": ["-headless", format!("--width={WIDTH}"), format!("--height={HEIGHT}")],
                    "prefs": { "intl.accept_languages": "zh-CN,zh" },
                },
            }),
        };
        let Value::Object(caps) = caps else {
            unreachable!("capabilities are an object")
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = step(
            "start a browser session through its WebDriver server",
            ClientBuilder::new(connector)
                .capabilities(caps)
                .connect(&format!("http://{addr}")),
        )
        .await;
        Browser {
            client: Some(client),
            base: base.to_string(),
            _driver: driver,
            _turn: turn,
        }
    }

    fn c(&self) -> &Client {
        self.client.as_ref().expect("the browser is open")
    }

    /// The site's URL for `path` (`/review`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Opens `path` of the site and waits for it to load.
    pub async fn goto(&self, path: &str) {
        let url = self.url(path);
        step(&format!("open {url}"), self.c().goto(&url)).await;
    }

    /// The current path with its query (`/login?next=%2Freview`), without the fragment.
    pub async fn path(&self) -> String {
        let url = step("read the current URL", self.c().current_url()).await;
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// The current URL's fragment (`f-1` for `…#f-1`).
    pub async fn fragment(&self) -> Option<String> {
        let url = step("read the current URL", self.c().current_url()).await;
        url.fragment().map(str::to_string)
    }

    /// The first element matching `selector`, waiting for it to appear.
    pub async fn find(&self, selector: &str) -> fantoccini::elements::Element {
        step(
            &format!("find {selector:?} on {}", self.path().await),
            self.c()
                .wait()
                .at_most(STEP)
                .for_element(Locator::Css(selector)),
        )
        .await
    }

    /// Waits for an element matching `selector`.
    pub async fn wait_for(&self, selector: &str) {
        self.find(selector).await;
    }

    /// Whether an element matches `selector` now (no waiting).
    pub async fn exists(&self, selector: &str) -> bool {
        self.count(selector).await > 0
    }

    /// How many elements match `selector` now.
    pub async fn count(&self, selector: &str) -> usize {
        step(
            &format!("count {selector:?}"),
            self.c().find_all(Locator::Css(selector)),
        )
        .await
        .len()
    }

    /// Types `text` into the field `selector` (emptied first), as a person would.
    pub async fn fill(&self, selector: &str, text: &str) {
        let e = self.find(selector).await;
        step(&format!("clear {selector:?}"), e.clear()).await;
        step(&format!("type into {selector:?}"), e.send_keys(text)).await;
    }

    /// Sets the field `selector` to `text` at once (for long texts, where typing is slow) and
    /// fires its `input` and `change` events.
    pub async fn set_value(&self, selector: &str, text: &str) {
        self.find(selector).await;
        self.js(
            "const e = document.querySelector(arguments[0]); e.value = arguments[1];\
             e.dispatchEvent(new Event('input', {bubbles: true}));\
             e.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![json!(selector), json!(text)],
        )
        .await;
    }

    /// Chooses `file` (a path on this machine) in the file input `selector`.
    pub async fn upload(&self, selector: &str, file: &Path) {
        let path = file
            .canonicalize()
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let e = self.find(selector).await;
        step(
            &format!("choose {} in {selector:?}", path.display()),
            e.send_keys(&path.to_string_lossy()),
        )
        .await;
    }

    /// Clicks the element `selector` (no wait for a page: see [`Browser::submit`]).
    pub async fn click(&self, selector: &str) {
        let e = self.find(selector).await;
        step(&format!("click {selector:?}"), e.click()).await;
    }

    /// Clicks `selector` (a submit button, a link) and waits for the next page to load.
    pub async fn submit(&self, selector: &str) {
        // A mark on the old page's window: gone once another document has loaded.
        self.js("window.__gongkaiOld = true;", vec![]).await;
        self.click(selector).await;
        self.wait_until(
            &format!("a new page after clicking {selector:?}"),
            || async {
                self.js(
                    "return window.__gongkaiOld !== true && document.readyState === 'complete';",
                    vec![],
                )
                .await
                    == json!(true)
            },
        )
        .await;
    }

    /// The visible text of the first element matching `selector` (trimmed).
    pub async fn text(&self, selector: &str) -> String {
        let e = self.find(selector).await;
        step(&format!("read the text of {selector:?}"), e.text())
            .await
            .trim()
            .to_string()
    }

    /// The visible texts of every element matching `selector` (trimmed; no waiting).
    pub async fn texts(&self, selector: &str) -> Vec<String> {
        let all = step(
            &format!("find {selector:?}"),
            self.c().find_all(Locator::Css(selector)),
        )
        .await;
        let mut out = Vec::with_capacity(all.len());
        for e in all {
            out.push(
                step(&format!("read the text of {selector:?}"), e.text())
                    .await
                    .trim()
                    .to_string(),
            );
        }
        out
    }

    /// The terms and descriptions of the definition list `selector` (`dl.facts`), as
    /// (`dt`, following `dd`) pairs of visible, trimmed text.
    pub async fn facts(&self, selector: &str) -> Vec<(String, String)> {
        self.find(selector).await;
        let v = self
            .js(
                "const dl = document.querySelector(arguments[0]);\
                 return Array.from(dl.querySelectorAll(':scope > dt')).map(dt => {\
                   const dd = dt.nextElementSibling;\
                   return [dt.innerText.trim(), dd ? dd.innerText.trim() : ''];\
                 });",
                vec![json!(selector)],
            )
            .await;
        serde_json::from_value(v).expect("pairs of texts")
    }

    /// The description of the term `term` in the definition list `selector` (panics if the
    /// list has no such term).
    pub async fn fact(&self, selector: &str, term: &str) -> String {
        let all = self.facts(selector).await;
        all.iter()
            .find(|(t, _)| t == term)
            .map(|(_, d)| d.clone())
            .unwrap_or_else(|| panic!("no {term:?} in {selector}: {all:?}"))
    }

    /// Chooses the option with value `value` in the select `selector`.
    pub async fn choose(&self, selector: &str, value: &str) {
        let e = self.find(selector).await;
        step(
            &format!("choose {value:?} in {selector:?}"),
            e.select_by_value(value),
        )
        .await;
    }

    /// The value of the form field `selector` (what it holds now, typed or set).
    pub async fn value(&self, selector: &str) -> String {
        self.find(selector).await;
        let v = self
            .js(
                "return document.querySelector(arguments[0]).value;",
                vec![json!(selector)],
            )
            .await;
        v.as_str().unwrap_or_default().to_string()
    }

    /// Fetches `path` from the page (same origin, with the session's cookies), as a download
    /// link would: its status, headers and body, without leaving the page.
    pub async fn fetch(&self, path: &str) -> Fetched {
        let v = step(
            &format!("fetch {path}"),
            self.c().execute_async(
                "const done = arguments[arguments.length - 1];\
                 fetch(arguments[0], {credentials: 'same-origin'})\
                   .then(async r => {\
                     const bytes = new Uint8Array(await r.arrayBuffer());\
                     const headers = {};\
                     r.headers.forEach((v, k) => { headers[k] = v; });\
                     done({status: r.status, headers,\
                           text: new TextDecoder('utf-8').decode(bytes),\
                           head: Array.from(bytes.slice(0, 8))});\
                   })\
                   .catch(e => done({status: 0, headers: {}, text: String(e), head: []}));",
                vec![json!(path)],
            ),
        )
        .await;
        serde_json::from_value(v).expect("a fetched response")
    }

    /// The attribute `name` of the first element matching `selector`.
    pub async fn attr(&self, selector: &str, name: &str) -> Option<String> {
        let e = self.find(selector).await;
        step(&format!("read {name} of {selector:?}"), e.attr(name)).await
    }

    /// The classes of the element with id `id` (empty when there is none).
    pub async fn classes_of(&self, id: &str) -> Vec<String> {
        let v = self
            .js(
                "const e = document.getElementById(arguments[0]);\
                 return e ? Array.from(e.classList) : [];",
                vec![json!(id)],
            )
            .await;
        serde_json::from_value(v).expect("a list of classes")
    }

    /// Runs a script in the page (`arguments[i]` are `args`) and returns what it returns.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        step("run a script in the page", self.c().execute(script, args)).await
    }

    /// Polls `ready` until it says yes, for at most [`STEP`].
    pub async fn wait_until<F, Fut>(&self, what: &str, mut ready: F)
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = bool>,
    {
        let started = Instant::now();
        while !ready().await {
            assert!(started.elapsed() < STEP, "waited {STEP:?} for {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the current path (with its query) starts with `prefix`.
    pub async fn wait_for_path(&self, prefix: &str) -> String {
        let started = Instant::now();
        loop {
            let path = self.path().await;
            if path.starts_with(prefix) {
                return path;
            }
            assert!(
                started.elapsed() < STEP,
                "waited {STEP:?} for a page under {prefix:?}; still on {path:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Signs in as `account` through the login form; the browser ends on the page `/`.
    pub async fn login(&self, account: &Account) {
        self.login_to(account, "/").await;
    }

    /// Signs in as `account` through `/login?next=…` and checks the browser lands on `next`.
    pub async fn login_to(&self, account: &Account, next: &str) {
        self.goto(&format!("/login?next={}", encode(next))).await;
        self.fill("input[name=username]", account.username).await;
        self.fill("input[name=password]", account.password).await;
        self.submit("main form button[type=submit]").await;
        let path = self.path().await;
        assert_eq!(path, next, "after logging in as {}", account.username);
        let who = self.text("header .who").await;
        assert!(who.contains(account.name), "header after login: {who:?}");
    }

    /// Signs out with the header's 退出 button; the browser ends on the home page.
    pub async fn logout(&self) {
        self.submit("header .who form button").await;
    }

    /// A screenshot of the window (1280 wide), saved as `docs/screenshots/{name}.png` when
    /// `GONGKAI_SCREENSHOTS=1` (so ordinary runs leave the committed pictures alone).
    pub async fn screenshot(&self, name: &str) {
        let png = step("take a screenshot", self.c().screenshot()).await;
        save_screenshot(name, &png);
    }

    /// A screenshot of the whole page, as tall as its content (at most 6000 px).
    pub async fn screenshot_full(&self, name: &str) {
        // The window's height is the page's plus the browser's own (the headless window
        // keeps a frame: its viewport is shorter than the window), from the top of the page.
        let h = self
            .js(
                "window.scrollTo(0, 0);\
                 return Math.ceil(document.documentElement.scrollHeight\
                   + Math.max(0, window.outerHeight - window.innerHeight));",
                vec![],
            )
            .await
            .as_u64()
            .unwrap_or(u64::from(HEIGHT));
        let h = u32::try_from(h).unwrap_or(HEIGHT).clamp(HEIGHT, 6000);
        step("grow the window", self.c().set_window_size(WIDTH, h)).await;
        let png = step("take a screenshot", self.c().screenshot()).await;
        step(
            "restore the window",
            self.c().set_window_size(WIDTH, HEIGHT),
        )
        .await;
        save_screenshot(name, &png);
    }

    /// Ends the WebDriver session (Chromium quits); chromedriver goes when the browser drops.
    pub async fn close(mut self) {
        if let Some(c) = self.client.take() {
            let _ = tokio::time::timeout(STEP, c.close()).await;
        }
    }
}

/// A response fetched by [`Browser::fetch`].
#[derive(Debug, serde::Deserialize)]
pub struct Fetched {
    pub status: u16,
    /// Header names in lower case.
    pub headers: std::collections::HashMap<String, String>,
    /// The body decoded as UTF-8 (lossy for binary bodies).
    pub text: String,
    /// The body's first bytes (a file's signature: `PK` for XLSX).
    pub head: Vec<u8>,
}

impl Fetched {
    /// The header `name` (lower case), or "".
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

fn save_screenshot(name: &str, png: &[u8]) {
    assert!(
        png.starts_with(b"\x89PNG"),
        "the screenshot {name} is not a PNG"
    );
    if std::env::var("GONGKAI_SCREENSHOTS").as_deref() != Ok("1") {
        return;
    }
    let dir = workspace_file("docs/screenshots");
    std::fs::create_dir_all(&dir).expect("create docs/screenshots");
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    eprintln!("screenshot: {}", path.display());
}

/// Percent-encodes a query value (UTF-8; letters, digits, `-_.~/` kept).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}
