#!/usr/bin/env python3
"""Checks the XcodeGen inputs that can be checked without a Mac (scripts/test.sh runs it).

XcodeGen itself and Xcode are not available on Linux, so this reads ios/App/project.yml and
the files it names, and fails on what would stop `xcodegen` or an App Store upload:
- every `sources` folder of every target exists; `info` and `entitlements` go into an existing folder;
- SWIFT_VERSION is a value Xcode 16 accepts (4.0, 4.2, 5.0, 6.0) and is 6.0 here (Swift 6 mode);
- the AppIcon asset catalog names a 1024x1024 opaque RGB PNG that exists;
- PrivacyInfo.xcprivacy parses, declares no tracking, and every reason code is one Apple lists
  for its category and may be declared by an app (0A2A.1 is for third-party SDKs only);
- the bell is linear PCM WAV shorter than UNNotificationSound's 30-second limit;
- ITSAppUsesNonExemptEncryption is set (a decided answer, see ios/README.md);
- a universal build (TARGETED_DEVICE_FAMILY "1,2") lists all four iPad orientations, or sets
  UIRequiresFullScreen (App Store Connect's ITMS-90474 otherwise);
- CFBundleVersion/CFBundleShortVersionString come from CURRENT_PROJECT_VERSION/MARKETING_VERSION,
  both set, so CI can raise the build number for each upload;
- every `.onReceive` of a NotificationCenter publisher hops to the main queue first;
- every screen and sheet that has a navigation title also has the crisis toolbar.
Needs PyYAML (Debian's python3-yaml, installed by scripts/setup.sh).
"""
import json
import plistlib
import struct
import sys
import wave
from pathlib import Path

import yaml

APP = Path(__file__).resolve().parent.parent
ACCEPTED_SWIFT_VERSIONS = {"4.0", "4.2", "5.0", "6.0"}
# Apple, "Describing use of required reason API" (developer.apple.com/documentation/bundleresources/
# describing-use-of-required-reason-api): the approved reasons per category.
REASONS = {
    "NSPrivacyAccessedAPICategoryFileTimestamp": {"DDA9.1", "C617.1", "3B52.1", "0A2A.1"},
    "NSPrivacyAccessedAPICategorySystemBootTime": {"35F9.1", "8FFB.1", "3D61.1"},
    "NSPrivacyAccessedAPICategoryDiskSpace": {"85F4.1", "E174.1", "7D9E.1", "B728.1"},
    "NSPrivacyAccessedAPICategoryUserDefaults": {"CA92.1", "1C8F.1", "C56D.1", "AC6B.1"},
    "NSPrivacyAccessedAPICategoryActiveKeyboards": {"3EC4.1", "54BD.1"},
}
SDK_ONLY = {"0A2A.1"}

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def png_header(path):
    data = path.read_bytes()[:33]
    check(data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG")
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    return width, height, depth, colour


spec = yaml.safe_load((APP / "project.yml").read_text())
base = spec.get("settings", {}).get("base", {})
check(str(base.get("SWIFT_VERSION")) == "6.0", "project SWIFT_VERSION must be 6.0 (Swift 6 language mode)")
for name, target in spec["targets"].items():
    for source in target.get("sources", []):
        path = source if isinstance(source, str) else source["path"]
        check((APP / path).is_dir(), f"{name}: sources folder {path} is missing (xcodegen stops)")
    for key in ("info", "entitlements"):
        if key in target:
            check((APP / target[key]["path"]).parent.is_dir(), f"{name}: {key} folder is missing")
    version = target.get("settings", {}).get("base", {}).get("SWIFT_VERSION")
    if version is not None:
        check(str(version) in ACCEPTED_SWIFT_VERSIONS, f"{name}: SWIFT_VERSION {version} is not accepted by Xcode 16")

app = spec["targets"]["ResetCompanion"]
info = app["info"]["properties"]
check(isinstance(info.get("ITSAppUsesNonExemptEncryption"), bool), "ITSAppUsesNonExemptEncryption must be decided (true/false)")
IPAD_ORIENTATIONS = {
    "UIInterfaceOrientationPortrait",
    "UIInterfaceOrientationPortraitUpsideDown",
    "UIInterfaceOrientationLandscapeLeft",
    "UIInterfaceOrientationLandscapeRight",
}
family = str(app["settings"]["base"].get("TARGETED_DEVICE_FAMILY", "1"))
if "2" in family.split(",") and info.get("UIRequiresFullScreen") is not True:
    ipad = set(info.get("UISupportedInterfaceOrientations~ipad", []))
    check(ipad == IPAD_ORIENTATIONS, f"an iPad build needs all four orientations for multitasking (ITMS-90474), has {sorted(ipad)}")
check(bool(info.get("UISupportedInterfaceOrientations")), "UISupportedInterfaceOrientations must be listed")
check(info.get("CFBundleVersion") == "$(CURRENT_PROJECT_VERSION)", "CFBundleVersion must be $(CURRENT_PROJECT_VERSION) (XcodeGen's default is a fixed 1)")
check(info.get("CFBundleShortVersionString") == "$(MARKETING_VERSION)", "CFBundleShortVersionString must be $(MARKETING_VERSION)")
check(str(base.get("CURRENT_PROJECT_VERSION", "")).isdigit(), "CURRENT_PROJECT_VERSION must be set to a build number")
check(bool(str(base.get("MARKETING_VERSION", ""))), "MARKETING_VERSION must be set")

icon_name = app["settings"]["base"].get("ASSETCATALOG_COMPILER_APPICON_NAME", "AppIcon")
iconset = APP / "Resources" / "Assets.xcassets" / f"{icon_name}.appiconset"
contents = json.loads((iconset / "Contents.json").read_text())
images = [i for i in contents["images"] if i.get("size") == "1024x1024" and i.get("filename")]
check(len(images) == 1, "AppIcon needs exactly one 1024x1024 image with a file")
for image in images:
    width, height, depth, colour = png_header(iconset / image["filename"])
    check((width, height) == (1024, 1024), f"icon is {width}x{height}, not 1024x1024")
    check(colour == 2 and depth == 8, "icon must be 8-bit RGB without alpha (App Store icons are opaque)")

manifest = plistlib.loads((APP / "Resources" / "PrivacyInfo.xcprivacy").read_bytes())
check(manifest.get("NSPrivacyTracking") is False, "the manifest must declare NSPrivacyTracking false")
check(manifest.get("NSPrivacyCollectedDataTypes") == [], "nothing is collected: NSPrivacyCollectedDataTypes must be empty")
declared = set()
for entry in manifest["NSPrivacyAccessedAPITypes"]:
    category = entry["NSPrivacyAccessedAPIType"]
    declared.add(category)
    reasons = entry["NSPrivacyAccessedAPITypeReasons"]
    check(category in REASONS, f"unknown category {category}")
    check(bool(reasons), f"{category} needs at least one reason")
    for reason in reasons:
        check(reason in REASONS.get(category, set()), f"{reason} is not a reason Apple lists for {category}")
        check(reason not in SDK_ONLY, f"{reason} may only be declared by third-party SDKs, not the app")
for needed in ("FileTimestamp", "SystemBootTime", "DiskSpace", "UserDefaults"):
    check(f"NSPrivacyAccessedAPICategory{needed}" in declared, f"the manifest lacks {needed} (used by SQLite, Rust std or the app)")

with wave.open(str(APP / "Resources" / "bell.wav")) as bell:
    seconds = bell.getnframes() / bell.getframerate()
    check(bell.getcomptype() == "NONE", "the bell must be linear PCM")
    check(0.5 < seconds < 30, f"the bell lasts {seconds:.1f} s; notification sounds must be under 30 s")

# The crisis action on every screen, sheets included: each view that titles a screen
# (`.navigationTitle`) also carries the "Get help now" toolbar (`.crisisToolbar`). CrisisView is
# the crisis screen itself.
import re

for source in sorted((APP / "Sources").glob("*.swift")):
    text = source.read_text()
    for match in re.finditer(r"^(?:private )?struct (\w+): View \{(.*?)^\}", text, re.S | re.M):
        name, body = match.group(1), match.group(2)
        if name == "CrisisView":
            continue
        titles = body.count(".navigationTitle(")
        helps = body.count(".crisisToolbar(")
        check(helps >= titles, f"{source.name}: {name} titles {titles} screen(s) but has {helps} crisis toolbar(s)")

# Foundation posts these on whatever thread changed the setting; a main-actor closure entered
# off the main thread traps in Swift 6 mode (F8).
for source in sorted((APP / "Sources").glob("*.swift")):
    for line in source.read_text().splitlines():
        if ".onReceive(NotificationCenter" in line:
            check(".receive(on: DispatchQueue.main)" in line, f"{source.name}: .onReceive of a notification without .receive(on: DispatchQueue.main)")

# Issue 20: the crisis sheet (reached from every screen above) shows the safety plan after the
# lines, and the lock screen reaches the crisis sheet without unlocking.
crisis = (APP / "Sources" / "CrisisView.swift").read_text()
check(crisis.find("SafetyPlanSteps(") > crisis.find("CrisisAction.actions(for: resource)") > 0, "CrisisView must show the safety plan after the crisis lines")
cover = (APP / "Sources" / "PrivacyCover.swift").read_text()
check("struct LockScreen" in cover and "CrisisView(store: store, includesSafetyPlan: lock.showsSafetyPlan" in cover, "the lock screen must reach the crisis lines")

# Issue 21: BGTaskScheduler refuses to register (and `submit` throws) for an identifier not in
# Info.plist's BGTaskSchedulerPermittedIdentifiers, and a listed identifier nobody handles is a
# launch-time assertion on iOS 13+. Every `.backgroundTask(.appRefresh(AppModel.X))` handler's
# identifier must be listed, and every listed one handled.
model = (APP / "Sources" / "AppModel.swift").read_text()
ids = dict(re.findall(r'static let (\w+ID) = "([^"]+)"', model))
handled = set()
for source in sorted((APP / "Sources").glob("*.swift")):
    for name in re.findall(r"\.backgroundTask\(\.appRefresh\(AppModel\.(\w+)\)\)", source.read_text()):
        check(name in ids, f"{source.name}: background task {name} is not an AppModel identifier")
        handled.add(ids.get(name))
        check(f"BGAppRefreshTaskRequest(identifier: {name})" in model, f"AppModel never schedules {name}")
permitted = set(info.get("BGTaskSchedulerPermittedIdentifiers", []))
check(handled == permitted, f"BGTaskSchedulerPermittedIdentifiers {sorted(permitted)} != handled {sorted(handled)}")
check("app.resetcompanion.autobackup" in handled, "the automatic backup's background task is not handled")
check("fetch" in info.get("UIBackgroundModes", []), "BGAppRefreshTask needs UIBackgroundModes fetch")

if failures:
    print("\n".join("ios/App: " + f for f in failures), file=sys.stderr)
    sys.exit(1)
print(f"ios/App: project.yml inputs complete ({len(spec['targets'])} targets), icon, privacy manifest and bell valid")
