import XCTest

/// Walks the main flows on a simulator, as a person would. Not run on Linux (XCUITest needs Xcode
/// and a simulator); listed in ios/README.md as waiting for the first Mac build.
///
/// The app is launched with `--ui-testing`, which opens a throw-away profile with an in-memory
/// key (AppModel.LaunchMode), so each test starts from first launch.
@MainActor
final class MainFlowsUITests: XCTestCase {
    private var app: XCUIApplication!

    override func setUp() async throws {
        continueAfterFailure = false
        app = XCUIApplication()
        app.launchArguments = ["--ui-testing"]
        app.launch()
        // First run: the screen says the app complements professional care.
        let start = app.buttons["I understand"]
        if start.waitForExistence(timeout: 5) { start.tap() }
    }

    func testCheckInIsSavedAndShownOnToday() {
        app.buttons["How are you feeling?"].tap()
        app.buttons["6 – Pleasant"].tap()
        app.buttons["Next"].tap()
        app.buttons["Next"].tap()
        app.buttons["Next"].tap()
        app.buttons["Save"].tap()
        XCTAssertTrue(app.staticTexts["Saved. Thank you for checking in."].waitForExistence(timeout: 5))
        app.buttons["Done"].tap()
        XCTAssertTrue(app.buttons["Check in again"].waitForExistence(timeout: 5))
    }

    func testQuestionnaireCanBeAbandonedFromTheFirstQuestion() {
        app.tabBars.buttons["Questionnaires"].tap()
        app.buttons.matching(NSPredicate(format: "label BEGINSWITH 'GAD-7'")).firstMatch.tap()
        app.buttons["Back"].tap()
        XCTAssertTrue(
            app.staticTexts["These questionnaires track how you're doing over time. They are not a diagnosis."].waitForExistence(timeout: 5)
        )
    }

    func testMeditationStoppedAfterStartingLogsNothingUnderAMinute() {
        app.tabBars.buttons["Practice"].tap()
        app.buttons["Meditation timer"].tap()
        app.buttons["Start"].tap()
        app.buttons["Stop"].tap()
        XCTAssertTrue(app.staticTexts["Stopped in the first minute, so nothing was logged."].waitForExistence(timeout: 5))
    }

    func testAMeditationKeepsRunningAcrossATabSwitch() {
        app.tabBars.buttons["Practice"].tap()
        app.buttons["Meditation timer"].tap()
        app.buttons["Start"].tap()
        app.tabBars.buttons["Today"].tap()
        app.tabBars.buttons["Practice"].tap()
        XCTAssertTrue(app.buttons["Stop"].waitForExistence(timeout: 5), "the session was not ended by leaving the screen")
        app.buttons["Stop"].tap()
    }

    func testAQuestionnaireCanBeCancelledFromTheReview() {
        app.tabBars.buttons["Questionnaires"].tap()
        app.buttons.matching(NSPredicate(format: "label BEGINSWITH 'GAD-2'")).firstMatch.tap()
        for _ in 0..<2 { app.buttons["Not at all"].tap() }
        XCTAssertTrue(app.buttons["Submit"].waitForExistence(timeout: 5))
        app.navigationBars.buttons["Cancel"].tap()
        XCTAssertFalse(app.buttons["Submit"].exists)
    }

    func testCrisisHelpIsReachableFromASheet() {
        app.buttons["How are you feeling?"].tap()
        app.navigationBars["Check in"].buttons["Get help now"].tap()
        XCTAssertTrue(app.navigationBars["Get help now"].waitForExistence(timeout: 5))
    }

    func testAGratitudeEntryIsWrittenAndReadInFull() {
        app.tabBars.buttons["Journal"].tap()
        app.buttons["New entry"].tap()
        app.buttons["Gratitude"].tap()
        let first = app.textFields["Something good, however small"].firstMatch
        first.tap()
        first.typeText("A walk in the sun")
        app.buttons["Save"].tap()
        app.staticTexts["A walk in the sun"].firstMatch.tap()
        XCTAssertTrue(app.staticTexts["Grateful for (1)"].waitForExistence(timeout: 5) || app.staticTexts["GRATEFUL FOR (1)"].exists)
        XCTAssertTrue(app.buttons["Edit"].exists)
    }

    func testEraseAsksFirstAndCancelKeepsEverything() {
        app.tabBars.buttons["Settings"].tap()
        app.buttons["Erase everything"].tap()
        app.sheets.buttons["Cancel"].tap()
        app.tabBars.buttons["Today"].tap()
        XCTAssertTrue(app.buttons["How are you feeling?"].exists)
    }

    func testEraseConfirmedStartsAFreshProfile() {
        app.buttons["How are you feeling?"].tap()
        app.buttons["4 – Neutral"].tap()
        for _ in 0..<3 { app.buttons["Next"].tap() }
        app.buttons["Save"].tap()
        app.buttons["Done"].tap()
        app.tabBars.buttons["Settings"].tap()
        app.buttons["Erase everything"].tap()
        app.sheets.buttons["Erase everything"].tap()
        // The erase completed: first run again, then an empty Today.
        let start = app.buttons["I understand"]
        if start.waitForExistence(timeout: 5) { start.tap() }
        XCTAssertTrue(app.buttons["How are you feeling?"].waitForExistence(timeout: 5))
    }

    /// F4: the very first screen's lifebuoy lists the region's services, not a fallback text.
    func testTheFirstRunLifebuoyListsCrisisServices() {
        app.terminate()
        app.launch()  // --ui-testing resets the first-run flag on every launch
        app.navigationBars["Welcome"].buttons["Get help now"].tap()
        XCTAssertTrue(app.buttons.matching(NSPredicate(format: "label BEGINSWITH 'Call'")).firstMatch.waitForExistence(timeout: 5))
    }

    /// F10: Cancel on a journal sheet with text asks first; "Keep editing" keeps the text.
    func testCancellingAnEntryWithTextAsksBeforeDiscarding() {
        app.tabBars.buttons["Journal"].tap()
        app.buttons["New entry"].tap()
        app.buttons["Free"].tap()
        let text = app.textFields["Write freely"].firstMatch
        text.tap()
        text.typeText("Something I don't want to lose")
        app.navigationBars.buttons["Cancel"].tap()
        XCTAssertTrue(app.sheets.buttons["Keep editing"].waitForExistence(timeout: 5))
        app.sheets.buttons["Keep editing"].tap()
        XCTAssertEqual(text.value as? String, "Something I don't want to lose")
    }

    /// Issue 20: the crisis action reaches the safety plan in one action, after the lines.
    func testTheSafetyPlanIsInTheCrisisSheet() {
        app.tabBars.buttons["Settings"].tap()
        app.buttons["My safety plan"].tap()
        app.buttons["Write my plan"].tap()
        let first = app.textFields["Write in your own words"].firstMatch
        first.tap()
        first.typeText("Walk round the block")
        app.buttons["Save"].tap()
        app.tabBars.buttons["Today"].tap()
        app.navigationBars.buttons["Get help now"].firstMatch.tap()
        XCTAssertTrue(app.staticTexts["Walk round the block"].waitForExistence(timeout: 5))
        XCTAssertTrue(app.buttons.matching(NSPredicate(format: "label BEGINSWITH 'Call'")).firstMatch.exists, "the lines are still there")
    }
}
