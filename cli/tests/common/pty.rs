//! A real pseudo-terminal for what `reset` does only on a terminal (questions, confirmations,
//! passphrase prompts): standard input and standard error are the terminal (and the
//! controlling terminal, which `rpassword` opens as /dev/tty); standard output is a pipe, so
//! the command's result (text or `--json`) is read apart from the questions.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long any one wait may take before the test fails (a hang is a failure, not a stall).
const PATIENCE: Duration = Duration::from_secs(30);

/// A `reset` running on a terminal the test types into.
pub struct Pty {
    child: Child,
    master: std::fs::File,
    seen: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
    stdout: Option<JoinHandle<Vec<u8>>>,
}

impl Pty {
    /// Starts `cmd` with the terminal as its standard input and error.
    pub fn spawn(mut cmd: Command) -> Pty {
        let (mut master, mut slave) = (0, 0);
        // SAFETY: openpty fills two descriptors; null name/termios/winsize are allowed.
        let rc = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened and are owned here alone.
        let (master, slave) =
            unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        // The child must not keep the master open.
        // SAFETY: fcntl on a descriptor this process owns.
        unsafe { libc::fcntl(master.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave))
            .stdout(Stdio::piped());
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = cmd.spawn().unwrap();
        // The parent's copies of the slave go with `cmd`, so reading the master ends (EIO)
        // when the child exits.
        drop(cmd);
        let master = std::fs::File::from(master);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (mut from, into) = (master.try_clone().unwrap(), Arc::clone(&seen));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = from.read(&mut buf) {
                if n == 0 {
                    break;
                }
                into.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let mut out = child.stdout.take().unwrap();
        let stdout = std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = out.read_to_end(&mut bytes);
            bytes
        });
        Pty {
            child,
            master,
            seen,
            reader: Some(reader),
            stdout: Some(stdout),
        }
    }

    /// Everything the terminal showed so far (questions and the echo of what was typed).
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().unwrap()).into_owned()
    }

    /// Waits until the terminal has shown `needle` `count` times in all.
    pub fn expect_nth(&self, needle: &str, count: usize) {
        let start = Instant::now();
        while self.screen().matches(needle).count() < count {
            assert!(
                start.elapsed() < PATIENCE,
                "the terminal never showed {needle:?} ×{count}; it shows:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the terminal has shown `needle`.
    pub fn expect(&self, needle: &str) {
        self.expect_nth(needle, 1);
    }

    /// Types `line` and Enter.
    pub fn send(&mut self, line: &str) {
        self.master
            .write_all(format!("{line}\n").as_bytes())
            .unwrap();
        self.master.flush().unwrap();
    }

    /// Waits until the terminal stops echoing (a password prompt is reading), then types `line`.
    pub fn send_hidden(&mut self, line: &str) {
        let start = Instant::now();
        loop {
            // SAFETY: termios is plain data; tcgetattr on the master reads the terminal's mode.
            let mut t: libc::termios = unsafe { std::mem::zeroed() };
            let rc = unsafe { libc::tcgetattr(self.master.as_raw_fd(), &mut t) };
            if rc == 0 && t.c_lflag & libc::ECHO == 0 {
                break;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "echo never went off:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        self.send(line);
    }

    /// Ends input (Ctrl-D at the start of a line).
    pub fn end_of_input(&mut self) {
        self.master.write_all(&[4]).unwrap();
        self.master.flush().unwrap();
    }

    /// Waits for the command to exit: its status, standard output and the whole screen.
    pub fn finish(mut self) -> (ExitStatus, String, String) {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("reset did not exit; the terminal shows:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let stdout = self.stdout.take().unwrap().join().unwrap();
        if let Some(reader) = self.reader.take() {
            // The reader ends with EIO once the child's terminal is closed.
            let _ = reader.join();
        }
        (
            status,
            String::from_utf8_lossy(&stdout).into_owned(),
            self.screen(),
        )
    }
}
