#!/usr/bin/env python3
"""The console as a person uses it, in headless Chromium driven through WebDriver.

Starts `gantry demo` on a fresh data directory, signs in as the demo operator, opens the locomotive and
watches its speed change live, injects a bearing-wear fault into the ventilation fan from the CLI, waits
for the vibration alarm, acknowledges it with a comment, and finds that in the journal; then takes control
of the locomotive on its control panel, drives it (horn, a speed) and hits the emergency stop; then, as the admin,
pastes ft06 on the schedules page, sees its Gantt chart and reschedules it around a breakdown. Every page is
saved as a screenshot under ci-artifacts/screenshots (ignored by git). Any error the pages log in the
browser console fails the run.

Usage: browser-test.py PATH-TO-GANTRY [HTTP-PORT] [MQTT-PORT]
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import Select, WebDriverWait

GANTRY = sys.argv[1]
HTTP_PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 18280
MQTT_PORT = int(sys.argv[3]) if len(sys.argv) > 3 else 18283
BASE = f"http://127.0.0.1:{HTTP_PORT}"
ADMIN_PASSWORD = "browser-admin-password"
OPERATOR_PASSWORD = "browser-operator-password"
LOCOMOTIVE = "qingdao-mine/underground/haulage/loco-01"
FAN = "qingdao-mine/underground/ventilation/fan-01"
SHOTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ci-artifacts", "screenshots")


def step(text):
    print(f"browser-test: {text}", flush=True)


def start_demo(work):
    environment = dict(os.environ, GANTRY_ADMIN_PASSWORD=ADMIN_PASSWORD, GANTRY_DEMO_PASSWORD=OPERATOR_PASSWORD)
    log = open(os.path.join(work, "demo.log"), "w")
    demo = subprocess.Popen(
        [GANTRY, "demo", "--data-dir", os.path.join(work, "data"), "--http-port", str(HTTP_PORT),
         "--mqtt-port", str(MQTT_PORT), "--mqtt-ws-port", "0"],
        stdout=log, stderr=subprocess.STDOUT, env=environment)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{BASE}/health", timeout=1)
            return demo
        except OSError:
            if demo.poll() is not None:
                raise SystemExit(f"gantry demo exited with {demo.returncode}; see {work}/demo.log")
            time.sleep(0.2)
    raise SystemExit("gantry demo did not answer /health within 60 s")


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))


def check_console_errors(driver, where):
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    if errors:
        raise SystemExit(f"the browser logged errors on {where}: {json.dumps(errors, indent=1)}")


def run(driver):
    wait = WebDriverWait(driver, 30)

    step("a stranger is sent to the sign-in form")
    driver.get(f"{BASE}/")
    wait.until(ready.presence_of_element_located((By.ID, "password")))
    shot(driver, "01-sign-in")
    driver.find_element(By.ID, "username").send_keys("operator")
    driver.find_element(By.ID, "password").send_keys(OPERATOR_PASSWORD)
    driver.find_element(By.CSS_SELECTOR, ".login button[type=submit]").click()

    step("the overview shows the plant tree and the equipment tiles")
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "nav.plant-tree")))
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, f'a.tile[data-asset="{LOCOMOTIVE}"]')))
    shot(driver, "02-overview")
    check_console_errors(driver, "the overview")

    step("the locomotive's speed changes live")
    driver.find_element(By.CSS_SELECTOR, f'a.tile[data-asset="{LOCOMOTIVE}"]').click()
    speed = (By.CSS_SELECTOR, f'output.value[data-tag="{LOCOMOTIVE}/speed"]')
    wait.until(ready.presence_of_element_located(speed))
    wait.until(ready.text_to_be_present_in_element((By.ID, "live-status"), "live"))
    first = driver.find_element(*speed).text
    WebDriverWait(driver, 60).until(lambda d: d.find_element(*speed).text not in (first, "–"))
    second = driver.find_element(*speed).text
    WebDriverWait(driver, 60).until(lambda d: d.find_element(*speed).text != second)
    step(f"speed went {first} → {second} → {driver.find_element(*speed).text} without a reload")
    WebDriverWait(driver, 30).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, f'.chart[data-tag="{LOCOMOTIVE}/speed"] canvas'))
    shot(driver, "03-locomotive")
    check_console_errors(driver, "the locomotive")

    step("a bearing-wear fault injected from the CLI raises the fan's vibration alarm")
    subprocess.run(
        [GANTRY, "demo", "fault", "inject", "--kind", "bearing-wear", "--target", FAN, "--url", BASE,
         "--username", "admin", "--password", ADMIN_PASSWORD], check=True)
    driver.get(f"{BASE}/console/alarms")
    row = (By.CSS_SELECTOR, 'tr[data-alarm^="fan-01-vibration"] button[data-action="ack"]')
    WebDriverWait(driver, 240).until(ready.element_to_be_clickable(row))
    alarm = driver.find_element(*row).get_attribute("data-alarm")
    step(f"alarm {alarm} is standing, unacknowledged")
    counter = driver.find_element(By.ID, "alarm-counter").text
    if counter in ("–", "0", "?"):
        raise SystemExit(f"the header's alarm counter shows {counter!r} while {alarm} is unacknowledged")
    shot(driver, "04-alarm-raised")

    step("the operator acknowledges it with a comment")
    driver.find_element(*row).click()
    dialog = wait.until(ready.visibility_of_element_located((By.ID, "action-dialog")))
    dialog.find_element(By.NAME, "comment").send_keys("Fitter sent to fan 01, browser test")
    shot(driver, "05-acknowledge-dialog")
    driver.find_element(By.ID, "action-confirm").click()
    wait.until(ready.invisibility_of_element_located((By.ID, "action-dialog")))
    state = (By.CSS_SELECTOR, f'tr[data-alarm="{alarm}"] td.state')
    wait.until(ready.text_to_be_present_in_element(state, "active acknowledged"))

    step("the journal shows who acknowledged it and why")
    wait.until(ready.text_to_be_present_in_element((By.ID, "journal-rows"), "Fitter sent to fan 01, browser test"))
    journal = driver.find_element(By.ID, "journal-rows").text
    if "operator" not in journal:
        raise SystemExit(f"the journal does not name the operator: {journal}")
    shot(driver, "06-journal")
    check_console_errors(driver, "the alarms page")

    drive_the_locomotive(driver, wait)

    for name, path in (("09-devices", "/console/devices"), ("10-rules", "/console/rules"),
                       ("11-fan", f"/console/equipment?path={FAN}")):
        driver.get(f"{BASE}{path}")
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "main h1")))
        shot(driver, name)
        check_console_errors(driver, path)

    plan_a_schedule(driver, wait)

    step("on a tablet-sized screen")
    driver.set_window_size(820, 1180)
    driver.get(f"{BASE}/console/")
    wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "nav.plant-tree")))
    shot(driver, "12-overview-tablet")


FT06 = """6 6
2 1 0 3 1 6 3 7 5 3 4 6
1 8 2 5 4 10 5 10 0 10 3 4
2 5 3 4 5 8 0 9 1 1 4 7
1 5 0 5 2 5 3 3 4 8 5 9
2 9 1 3 4 5 5 4 0 3 3 1
1 3 3 3 5 9 0 10 4 4 2 1
"""


def gantt(driver):
    """What Chart.js laid out on the schedule's canvas: per dataset ("operations", "machine down") the bars
    with a width and a height, and how many operations are marked moved; None before the chart exists."""
    return driver.execute_script("""
        const chart = window.Chart && Chart.getChart('gantt');
        if (!chart) return null;
        const drawn = {};
        chart.data.datasets.forEach((dataset, index) => {
          drawn[dataset.label] = chart.getDatasetMeta(index).data.filter((bar) => bar.width > 0 && bar.height > 0).length;
        });
        drawn.moved = chart.data.datasets.find((dataset) => dataset.label === 'operations').data
          .filter((point) => point.operation.moved).length;
        drawn.machines = chart.scales.y.ticks.length;
        return drawn;
    """)


def submit_ft06(driver, wait, seconds):
    """Pastes ft06 as JSSP text on the schedules page with a time limit of `seconds`, submits it, and waits for
    the new schedule's page."""
    wait.until(ready.presence_of_element_located((By.ID, "schedule-form")))
    Select(driver.find_element(By.ID, "schedule-format")).select_by_value("jssp")
    fill(driver.find_element(By.ID, "schedule-form"), (("text", FT06), ("timeLimitSeconds", str(seconds))))
    driver.find_element(By.ID, "schedule-submit").click()
    WebDriverWait(driver, 30).until(lambda d: "/console/schedule?id=" in d.current_url)


def fill(form, values):
    """Replaces the value of each named field of `form`."""
    for name, value in values:
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)


def plan_a_schedule(driver, wait):
    step("the admin pastes ft06 as JSSP text on the schedules page and sees its Gantt chart")
    driver.delete_all_cookies()
    driver.get(f"{BASE}/console/login?next=/console/schedules")
    wait.until(ready.presence_of_element_located((By.ID, "password")))
    driver.find_element(By.ID, "username").send_keys("admin")
    driver.find_element(By.ID, "password").send_keys(ADMIN_PASSWORD)
    driver.find_element(By.CSS_SELECTOR, ".login button[type=submit]").click()
    submit_ft06(driver, wait, seconds=3)
    WebDriverWait(driver, 60).until(ready.text_to_be_present_in_element((By.ID, "schedule-state"), "done"))
    WebDriverWait(driver, 10).until(lambda d: gantt(d) is not None)
    drawn = gantt(driver)
    if drawn["operations"] != 36 or drawn["machines"] != 6 or drawn["machine down"] != 0:
        raise SystemExit(f"the Gantt chart of ft06 shows {drawn}, not 36 bars on 6 machines")
    makespan = driver.find_element(By.ID, "schedule-makespan").text
    if makespan != "55":
        raise SystemExit(f"ft06 was scheduled with makespan {makespan}, not its optimum 55")
    step(f"36 bars on 6 machines, makespan {makespan}")
    shot(driver, "13-schedule-gantt")
    check_console_errors(driver, "the schedule")

    step("machine 0 breaks down from 10 to 25: the reschedule keeps started work and draws the downtime")
    first = driver.current_url
    form = driver.find_element(By.ID, "reschedule-form")
    fill(form, (("from", "10"), ("to", "25"), ("at", "8"), ("timeLimitSeconds", "2")))
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 30).until(lambda d: d.current_url != first and "/console/schedule?id=" in d.current_url)
    WebDriverWait(driver, 60).until(ready.text_to_be_present_in_element((By.ID, "schedule-state"), "done"))
    WebDriverWait(driver, 10).until(lambda d: gantt(d) is not None)
    drawn = gantt(driver)
    moved = driver.find_element(By.ID, "schedule-moved").text
    if drawn["operations"] != 36 or drawn["machine down"] != 1 or moved in ("", "–") or drawn["moved"] != int(moved):
        raise SystemExit(f"the reschedule shows {drawn} and moved operations {moved!r}")
    step(f"rescheduled: {moved} operations moved")
    shot(driver, "14-reschedule-gantt")
    check_console_errors(driver, "the reschedule")

    step("a rush job arrives: a malformed route is named before anything is sent, then the job is fitted in")
    second = driver.current_url
    form = driver.find_element(By.ID, "reschedule-form")
    Select(form.find_element(By.NAME, "event")).select_by_value("rushJob")
    if form.find_element(By.NAME, "from").is_displayed() or not form.find_element(By.NAME, "route").is_displayed():
        raise SystemExit("choosing a rush job does not show its fields only")
    fill(form, (("name", "rush"), ("route", "0-4"), ("at", "20"), ("timeLimitSeconds", "2")))
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(ready.text_to_be_present_in_element((By.ID, "reschedule-error"), 'route step "0-4"'))
    if driver.current_url != second:
        raise SystemExit("a malformed route opened a new solve")
    fill(form, (("route", "0:4, 1:3"),))
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 30).until(lambda d: d.current_url != second and "/console/schedule?id=" in d.current_url)
    WebDriverWait(driver, 60).until(ready.text_to_be_present_in_element((By.ID, "schedule-state"), "done"))
    WebDriverWait(driver, 10).until(lambda d: gantt(d) is not None)
    drawn = gantt(driver)
    if drawn["operations"] != 38 or drawn["machine down"] != 1:
        raise SystemExit(f"after the rush job the chart shows {drawn}, not 38 operations with the downtime kept")
    step(f"the rush job's 2 operations are planned: 38 bars, {drawn['moved']} operations moved")
    shot(driver, "15-rush-job-gantt")
    check_console_errors(driver, "the rush job")

    step("a long solve draws its best schedule so far while it runs, and cancelling keeps it")
    driver.get(f"{BASE}/console/schedules")
    submit_ft06(driver, wait, seconds=300)
    # The solver finds 55 within moments and proves nothing (its lower bound is lower): the chart keeps up.
    WebDriverWait(driver, 30).until(ready.text_to_be_present_in_element((By.ID, "gantt-note"), "so far (makespan 55)"))
    drawn = gantt(driver)
    state = driver.find_element(By.ID, "schedule-state").text
    if state != "running" or drawn is None or drawn["operations"] != 36:
        raise SystemExit(f"while running ({state}) the chart shows {drawn}, not the 36 operations of the best so far")
    shot(driver, "16-solving-preview")
    driver.find_element(By.ID, "schedule-cancel").click()
    WebDriverWait(driver, 30).until(ready.text_to_be_present_in_element((By.ID, "schedule-state"), "cancelled"))
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "gantt-note").text == "")
    drawn = gantt(driver)
    if drawn is None or drawn["operations"] != 36:
        raise SystemExit(f"the cancelled solve's chart shows {drawn}, not its best schedule")
    step(f"running: 36 bars of the best so far; cancelled at makespan {driver.find_element(By.ID, 'schedule-makespan').text}")
    check_console_errors(driver, "the running solve")


def history_has(driver, command, state):
    """Whether a row of the command history names the command in the state (read in one script call, as the
    rows are redrawn with every update)."""
    rows = driver.execute_script(
        "return [...document.querySelectorAll('#history tr')].map((row) => row.textContent)")
    return any(row.startswith(command) and state in row for row in rows)


def drive_the_locomotive(driver, wait):
    step("the operator takes control of the locomotive from its control panel")
    driver.get(f"{BASE}/console/control?path={LOCOMOTIVE}")
    wait.until(ready.text_to_be_present_in_element((By.ID, "live-status"), "live"))
    wait.until(ready.element_to_be_clickable((By.ID, "lease-take"))).click()
    wait.until(ready.text_to_be_present_in_element((By.ID, "lease-holder"), "operator"))
    WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "rtt-device").text not in ("–", ""))
    step(f"heartbeats flow: round trip {driver.find_element(By.ID, 'rtt-total').text} ms")
    WebDriverWait(driver, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#interlocks tr"))

    step("the horn, then a speed: each goes to the machine and comes back completed")
    wait.until(ready.element_to_be_clickable((By.CSS_SELECTOR, 'form.command[data-command="horn"] button'))).click()
    WebDriverWait(driver, 30).until(lambda d: history_has(d, "horn", "completed"))
    speed_form = driver.find_element(By.CSS_SELECTOR, 'form.command[data-command="set_speed"]')
    fill(speed_form, (("speed", "3"),))
    speed_form.find_element(By.CSS_SELECTOR, "button").click()
    # The machine decides: completed when the brake is off, or refused by the platform's brake interlock (the
    # automatic cycle may have left it braked at a loading point). Either is shown; nothing else is.
    WebDriverWait(driver, 30).until(lambda d: history_has(d, "set_speed", "completed") or
                                    "interlock brake-applied" in d.find_element(By.ID, "command-error").text)
    outcome = driver.find_element(By.ID, "command-error").text or "completed"
    step(f"set_speed 3 m/s: {outcome}")
    shot(driver, "07-control-driving")
    check_console_errors(driver, "the control panel")

    step("the emergency stop: sent at once, the machine latches it and stops")
    driver.find_element(By.ID, "estop").click()
    WebDriverWait(driver, 30).until(lambda d: history_has(d, "emergency_stop", "completed"))
    latched = (By.CSS_SELECTOR, f'output.value[data-tag="{LOCOMOTIVE}/emergency_stop"]')
    WebDriverWait(driver, 30).until(ready.text_to_be_present_in_element(latched, "true"))
    speed = (By.CSS_SELECTOR, f'output.value[data-tag="{LOCOMOTIVE}/speed"]')
    WebDriverWait(driver, 60).until(lambda d: d.find_element(*speed).text == "0")
    step(f"stopped: {driver.find_element(By.ID, 'estop-status').text}")
    shot(driver, "08-control-emergency-stop")
    driver.find_element(By.ID, "lease-release").click()
    wait.until(ready.text_to_be_present_in_element((By.ID, "lease-holder"), "nobody"))
    check_console_errors(driver, "the control panel")


def page_state(driver):
    """What a failed step was waiting on: the control panel's history and errors, or the page's main text."""
    return driver.execute_script("""
        const text = (id) => document.getElementById(id)?.innerText ?? '';
        if (document.getElementById('history')) {
            return `history:\\n${text('history')}\\ncommand error: ${text('command-error')}\\n` +
                `lease: ${text('lease-holder')} ${text('lease-error')}\\nsession: ${text('session-state')}`;
        }
        return document.querySelector('main')?.innerText.slice(0, 2000) ?? '';
    """)


def main():
    work = tempfile.mkdtemp(prefix="gantry-browser-")
    demo = start_demo(work)
    driver = None
    try:
        driver = browser()
        run(driver)
        step(f"passed; screenshots in {os.path.normpath(SHOTS)}")
    except (TimeoutException, SystemExit) as failure:
        if driver:
            shot(driver, "failure")
            print(f"browser-test: at {driver.current_url}, the page shows:\n{page_state(driver)}", file=sys.stderr)
        print(f"browser-test failed: {failure!r}", file=sys.stderr)
        with open(os.path.join(work, "demo.log")) as log:
            print("".join(log.readlines()[-40:]), file=sys.stderr)
        raise SystemExit(1)
    finally:
        if driver:
            driver.quit()
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=30)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
