package app.resetcompanion.app.ui

import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.JournalKind

// Decision (issue 9): the screens' copy lives in this one object, not in Android string
// resources, so the `ui` package compiles for Compose for desktop too (no `R.`) and the JVM
// harness can render it. When the app is localised, move these to `res/values/strings.xml`
// (or Compose Multiplatform resources) and keep the names. Clinical wording (crisis lines,
// bands, follow-up text) is never here: it comes from the core's reference data.

/** Every user-facing string the screens show, grouped by screen. */
object Strings {
    const val appName = "Reset"
    const val back = "Back"
    const val crisisAction = "Get help now"
    const val crisisTitle = "Get help now"
    const val crisisIntro = "If you are in danger or might act on thoughts of harming yourself, contact one of these now. " +
        "You don't have to be sure it's an emergency."
    const val call = "Call"
    const val text = "Text"
    const val website = "Website"
    const val retry = "Try again"
    const val dismiss = "Dismiss"
    const val loading = "Loading"
    const val save = "Save"
    const val next = "Next"
    const val done = "Done"
    const val cancel = "Cancel"

    // Bottom navigation.
    const val tabToday = "Today"
    const val tabJournal = "Journal"
    const val tabProgrammes = "Programmes"
    const val tabSettings = "Settings"

    // Today.
    const val checkInCardTitle = "Check-in"
    const val checkInInvite = "How are you feeling right now?"
    const val checkInStart = "Check in"
    fun checkedIn(count: Int) = if (count == 1) "You checked in once today." else "You checked in $count times today."
    const val checkInAgain = "Check in again"
    const val programmeCardTitle = "Today's step"
    const val noProgramme = "No programme in progress. Browse programmes to start one."
    const val browseProgrammes = "Browse programmes"
    const val openStep = "Open step"
    const val openProgramme = "See programme"
    const val practiceCardTitle = "Practice"
    fun practiceWeek(minutes: UInt, days: UInt) = "$minutes min this week, on $days ${if (days == 1u) "day" else "days"}"
    fun streak(days: UInt) = "Streak: $days ${if (days == 1u) "day" else "days"}"
    const val startPractice = "Start a practice"
    const val assessmentCardTitle = "Questionnaires due"
    const val noneDue = "Nothing due today."
    const val takeQuestionnaire = "Start"
    const val progressCardTitle = "Your progress"
    const val progressInvite = "How your mood has gone day by day, and what tends to go with better days."

    // Check-in.
    const val checkInTitle = "Check-in"
    const val moodQuestion = "How pleasant or unpleasant do you feel?"
    val moodWords = listOf("Very unpleasant", "Unpleasant", "Slightly unpleasant", "Neutral", "Slightly pleasant", "Pleasant", "Very pleasant")
    const val momentary = "Right now"
    const val dailyMood = "Today overall"
    const val labelsQuestion = "Which words fit?"
    const val areasQuestion = "What's having the biggest impact?"
    const val noteQuestion = "Anything to add? (optional)"
    const val noteLabel = "Note"
    const val saveCheckIn = "Save check-in"
    const val saveNow = "Save now"
    const val checkInSaved = "Check-in saved. Thank you for taking a moment."
    fun stepOf(step: Int, of: Int) = "Step $step of $of"

    // Journal.
    const val journalTitle = "Journal"
    const val searchLabel = "Search your journal"
    const val allKinds = "All"
    const val noEntries = "No entries yet. A thought record helps untangle a difficult moment."
    const val noHits = "No entries match."
    const val newThoughtRecord = "New thought record"
    const val newEntry = "Write a new entry"
    fun journalKindName(kind: JournalKind) = when (kind) {
        JournalKind.FREE -> "Free writing"
        JournalKind.THOUGHT -> "Thought record"
        JournalKind.GRATITUDE -> "Gratitude"
        JournalKind.WORRY -> "Worry"
        JournalKind.EXPOSURE -> "Exposure"
        JournalKind.ACTIVITY -> "Activity"
    }

    /** "New thought record", "New gratitude", … (distinct from the filter chips' words). */
    fun newKind(kind: JournalKind) = "New ${journalKindName(kind).lowercase()}"
    const val journalEntryTitle = "Journal entry"
    const val editEntry = "Edit"
    const val saveEntry = "Save entry"
    const val entrySaved = "Saved."
    const val shareWithTherapist = "Share with my therapist"
    const val entryText = "What's on your mind?"
    fun gratitudeItem(n: Int) = "Grateful for ($n)"
    const val reflection = "Reflection"
    const val worryText = "The worry"
    const val worryKind = "Kind of worry"
    const val worryPractical = "Practical (something I can act on)"
    const val worryHypothetical = "Hypothetical (a what-if)"
    const val whatHappened = "What happened"
    const val exposureSituation = "Situation"
    const val exposurePrediction = "What I predicted would happen"
    const val distressBefore = "Distress before (0–100)"
    const val distressPeak = "Distress at its peak (0–100)"
    const val distressAfter = "Distress after (0–100)"
    const val exposureOutcome = "What actually happened"
    const val learned = "What I learned"
    const val activityName = "Activity"
    const val activityPlanned = "Planned"
    const val activityDone = "Done"
    const val mastery = "Mastery (0–10)"
    const val pleasure = "Pleasure (0–10)"
    const val sharedWithTherapist = "Shared with therapist"
    const val deleteEntry = "Delete entry"
    const val deleteEntryQuestion = "Delete this entry?"
    const val deleteEntryExplain = "It is removed from this device for good, and from future exports. This can't be undone."
    const val deleteConfirm = "Delete"
    const val deleteCheckInQuestion = "Delete this check-in?"
    const val deleteCheckInExplain = "It is removed from this device for good, with its note. This can't be undone."

    // Thought record.
    const val thoughtRecordTitle = "Thought record"
    const val situation = "Situation"
    const val situationHint = "Where were you, who with, what happened?"
    const val automaticThoughts = "Automatic thoughts"
    const val emotions = "Emotions (0–100)"
    const val addEmotion = "Add an emotion"
    const val distortions = "Thinking traps"
    const val evidenceFor = "Evidence for the thought"
    const val evidenceAgainst = "Evidence against the thought"
    const val balancedThought = "Balanced thought"
    const val beliefBefore = "Belief before (0–100)"
    const val beliefAfter = "Belief after (0–100)"
    const val saved = "Saved"
    fun before(v: Int) = "before $v"
    fun after(v: Int?) = if (v == null) "after –" else "after $v"
    const val removeEmotion = "Remove emotion"

    // Assessment.
    const val assessmentTitle = "Questionnaires"
    const val chooseQuestionnaire = "Choose a questionnaire"
    fun itemOf(n: Int, of: Int) = "Question $n of $of"
    const val notApplicable = "Not applicable"
    const val declined = "Prefer not to say"
    const val submit = "See result"
    const val previous = "Previous"
    const val scoring = "Scoring"
    const val signpostTitle = "Support is available now"
    const val signpostSelfHarm = "You said you have had thoughts of being better off dead or of hurting yourself. " +
        "You deserve support with that. Please consider contacting one of these services."
    const val signpostSevere = "Your answers suggest you are having a very hard time. " +
        "Please consider contacting one of these services."
    const val signpostContinue = "I've seen this — show my result"
    fun scoreOf(total: UInt, max: UInt) = "Score $total of $max"
    const val prorated = "Some answers were missing; the score was adjusted for them."
    const val anotherQuestionnaire = "Back to questionnaires"

    // Programmes.
    const val programmesTitle = "Programmes"
    fun stepsCount(n: UInt) = "$n steps"
    fun progressOf(done: UInt, total: UInt) = "$done of $total steps done"
    const val start = "Start"
    const val leave = "Set aside"
    const val resume = "Resume"
    const val restart = "Start again"
    const val stepDone = "Done"
    const val stepLocked = "Locked"
    const val stepAvailable = "Open"

    /** When a locked step opens, as the wall time where it opens (e.g. "Opens Mon 29 Mar, 00:00"). */
    fun unlocksAt(at: app.resetcompanion.core.model.Captured) = "Opens " + java.time.format.DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", java.util.Locale.UK)
        .format(at.at.atZone(java.time.ZoneId.of(at.timeZone)))
    const val completeStep = "Mark as done"
    const val stepCompleted = "Step completed."
    const val programmeFinished = "Programme finished. Well done."
    fun minutes(n: UInt) = "$n min"

    // Meditation.
    const val leaveSessionQuestion = "End this session?"
    fun leaveSessionExplain(minutes: Int) = if (minutes < 1) {
        "Less than a minute so far: leaving now logs nothing."
    } else {
        "Leaving now ends it and logs the $minutes minute${if (minutes == 1) "" else "s"} done as a shorter session."
    }
    const val leaveSessionConfirm = "End and leave"
    const val keepGoing = "Keep going"
    const val meditationTitle = "Practice timer"
    const val technique = "Technique"
    const val length = "Length"
    fun minutesChoice(n: Int) = "$n min"
    const val startTimer = "Start"
    const val pauseTimer = "Pause"
    const val resumeTimer = "Resume"
    const val stopTimer = "Finish early"
    const val anotherSession = "Another session"
    fun loggedSession(minutes: UInt) = "Logged $minutes min of practice."
    const val tooShort = "Less than a minute: nothing was logged."
    fun remaining(text: String) = "$text remaining"
    const val lastMinute = "Less than a minute remaining"
    const val timeUp = "Time is up"

    // Reminders.
    const val remindersTitle = "Reminders"
    const val noReminders = "No reminders yet."
    const val addReminder = "Add reminder"
    const val time = "Time (HH:MM)"
    const val kind = "For"
    const val removeReminder = "Remove reminder"
    fun pausedUntil(date: String) = "Paused until $date"
    const val pauseWeek = "Pause for a week"
    fun pauseWeekFor(title: String) = "Pause $title for a week"
    fun resumeFor(title: String) = "Resume $title"
    const val pauseUntil = "Pause until…"
    fun pauseUntilFor(title: String) = "Pause $title until a date"
    const val pauseDateTitle = "Reminders start again on"
    const val pauseConfirm = "Pause"
    const val onDays = "On these days"
    const val quietHours = "Quiet hours (optional)"
    const val quietFrom = "From (HH:MM)"
    const val quietTo = "To (HH:MM)"
    const val quietExplain = "No reminder is planned inside quiet hours; they may run past midnight."
    fun quiet(start: java.time.LocalTime, end: java.time.LocalTime) = "Quiet $start–$end"

    /** The core's activity kinds as the reminder screen names them. */
    fun activityName(kind: ActivityKind) = when (kind) {
        ActivityKind.MEDITATION -> "Practice"
        ActivityKind.CHECKIN -> "Check-in"
        ActivityKind.JOURNAL -> "Journal"
        ActivityKind.PROGRAMME -> "Programme step"
        ActivityKind.ASSESSMENT -> "Questionnaire"
    }
    const val everyDay = "Every day"
    const val weekdays = "Weekdays"
    const val skipIfDone = "Skipped on days you've already done it"
    const val noticeAsk = "Notifications are off, so reminders can't appear. Allow notifications to receive them."
    const val noticeAskAction = "Allow notifications"
    const val bellAsk = "Allow notifications so Reset can show that your time is up, even with the screen off."
    const val bellOff = "Notifications are off for Reset: the bell still sounds when your time is up, but nothing shows."
    const val bellLate = "The bell may be some minutes late while the phone sleeps. Allowing exact alarms keeps it on time."
    const val bellLateAction = "Allow exact alarms"
    const val noticeBlocked = "Notifications are turned off for Reset in system settings. Reminders won't appear until you turn them on there."
    const val noticeBlockedAction = "Open system settings"
    const val noticeInexact = "Exact alarms aren't allowed, so a reminder may arrive a few minutes late. " +
        "You can allow \"Alarms & reminders\" for Reset in system settings."
    fun permissionsSummary(notifications: String, exact: String) = "Notifications: $notifications · Exact timing: $exact"

    // Export.
    const val exportTitle = "Export for your therapist"
    const val format = "Format"
    const val sections = "Include"
    const val journalSectionNote = "Only journal entries you marked as shared are included."
    const val exportAction = "Create file"
    const val shareAction = "Share"
    fun exported(bytes: ULong) = "File ready (${bytes / 1024uL} KB)."
    fun previewLine(label: String, n: ULong) = "$label: $n"
    const val previewAssessments = "Questionnaires"
    const val previewCheckIns = "Check-ins"
    const val previewPractice = "Practice sessions"
    const val previewSteps = "Programme steps"
    const val previewJournal = "Shared journal entries"

    // Backup.
    const val backupTitle = "Encrypted backup"
    const val createBackup = "Create backup"
    const val restoreBackup = "Restore"
    const val passphrase = "Passphrase"
    const val confirmPassphrase = "Repeat passphrase"
    const val backupExplain = "The backup is encrypted with your passphrase. Without it nobody, including us, can open it."
    const val restoreExplain = "Restoring replaces everything in this app with the backup."
    const val restoreConfirm = "I understand this replaces my current data"
    const val chooseFile = "Choose a backup file in Files"
    fun chosenFile(name: String) = "File: $name"
    fun backupCreated(bytes: ULong) = "Backup created (${bytes / 1024uL} KB)."
    fun restored(at: String) = "Restored the backup made $at."
    const val showPassphrase = "Show passphrase"
    const val hidePassphrase = "Hide passphrase"

    // Settings.
    const val settingsTitle = "Settings"
    const val region = "Region for crisis resources"
    const val hideStreak = "Hide my streak"
    const val hideStreakNote = "Practice still counts; the number just isn't shown."
    const val remindersLink = "Reminders"
    const val exportLink = "Export for your therapist"
    const val backupLink = "Encrypted backup"
    const val questionnairesLink = "Questionnaires"
    const val practiceLink = "Practice timer"
    const val eraseTitle = "Erase everything"
    const val eraseExplain = "Deletes every check-in, journal entry, questionnaire and setting on this device, its automatic " +
        "backups and their recovery key, and the practice sessions Reset wrote to Health Connect. This can't be undone."
    fun eraseTypePrompt(word: String) = "Type $word to confirm"
    const val eraseConfirm = "Erase everything"
    const val erased = "Everything was erased."

    // Insights, check-in history, questionnaire history, practice (same words as the iOS app).
    const val insightsTitle = "Insights"
    const val insightsLink = "Insights and mood calendar"
    const val moodCalendar = "Mood calendar"
    const val moodCalendarKey = "Each day shows its average mood from 1 (very unpleasant) to 7 (very pleasant); a dash means no check-in."
    fun insightsRange(from: String, to: String, count: UInt) = "$from to $to · $count ${if (count == 1u) "check-in" else "check-ins"}"
    fun moodDay(date: String, words: String, count: UInt) = "$date: $words (${if (count == 1u) "1 check-in" else "$count check-ins"})"
    fun noMoodDay(date: String) = "$date: no check-in"
    const val noCheckInsYet = "No check-ins in this period yet."
    const val betterWith = "Mood tends to be better with"
    const val worseWith = "Mood tends to be lower with"
    fun association(name: String, with: Double, without: Double) = "${humanize(name)}: ${"%.1f".format(with)} with, ${"%.1f".format(without)} without"
    fun patternsNeedMore(min: UInt) = "Patterns appear once something has come up at least $min times."
    const val thinkingTraps = "Thinking traps in thought records"
    fun trapCount(name: String, count: UInt) = "${humanize(name)}: $count"
    const val checkInHistoryTitle = "Check-in history"
    const val checkInHistoryLink = "Check-in history"
    fun deleteCheckIn(time: String) = "Delete the check-in at $time"
    const val assessmentHistoryTitle = "Questionnaire history"
    const val assessmentHistoryLink = "Questionnaire history and progress"
    const val allInstruments = "All"
    const val outcomeTitle = "Progress since the start of this episode"
    const val outcomeNotYet = "Progress appears once there is a first and a later PHQ-9 and GAD-7."
    fun indicator(label: String, holds: Boolean) = if (holds) "$label: yes" else "$label: no"
    const val noQuestionnairesYet = "No questionnaires yet."
    const val signpostShown = "Crisis resources were shown after this one"
    fun record(date: String, total: UInt, max: UInt, severity: String) = "$date · $total of $max · ${humanize(severity)}"
    const val practiceTitle = "Practice"
    const val practiceThisWeek = "This week"
    const val practiceSummaryLink = "Practice summary and streak"
    fun habitStrength(percent: Int) = "Habit strength: $percent%"
    fun totalPractice(minutes: UInt, sessions: UInt, from: String) =
        "$minutes minutes in $sessions ${if (sessions == 1u) "session" else "sessions"} since $from"
    const val streakHiddenNote = "Your streak is hidden."

    // Safety plan (issue 20). The steps' titles and prompts come from the core.
    const val safetyPlanTitle = "My safety plan"
    const val safetyPlanEditTitle = "Write my safety plan"
    const val safetyPlanHistoryTitle = "Earlier versions"
    const val safetyPlanLink = "My safety plan"
    const val safetyPlanIntro = "Your own plan for getting through a hard time, step by step, in your words. Start at step 1 and move on if it isn't enough."
    const val safetyPlanNone = "You haven't written a safety plan yet. It helps to write it on a calmer day, perhaps with your therapist."
    const val safetyPlanStart = "Write my plan"
    const val safetyPlanEdit = "Revise my plan"
    const val safetyPlanHistoryLink = "Earlier versions"
    const val safetyPlanAfterLines = "Your safety plan"
    const val openSafetyPlan = "Open my safety plan"
    const val safetyPlanCrisisLines = "Crisis lines for your region"
    const val safetyPlanNothingInStep = "Nothing written here yet."
    fun safetyPlanVersion(version: UInt, savedAt: java.time.Instant) = "Version $version · saved ${savedAt.toString().take(10)}"
    fun safetyPlanVersionRow(version: UInt, savedAt: java.time.Instant) = "Version $version, saved ${savedAt.toString().take(16).replace('T', ' ')}"
    const val safetyPlanCurrent = "Current"
    const val safetyPlanSave = "Save this version"
    const val safetyPlanSaved = "Saved. Earlier versions are kept."
    const val safetyPlanNewerTitle = "Your plan changed meanwhile"
    fun safetyPlanNewerExplain(version: UInt?) = if (version == null) {
        "The plan you started from is no longer there (a backup was restored). Nothing was saved yet."
    } else {
        "Version $version was saved while you were writing this one. Nothing was saved yet. Both stay in the history either way."
    }
    const val safetyPlanSaveMine = "Save mine as the newest"
    const val safetyPlanStartFromNewer = "Start again from the newest"
    const val safetyPlanAddLine = "Add another"
    fun safetyPlanRemoveLine(step: String, n: Int) = "Remove line $n of $step"
    const val safetyPlanAddContact = "Add a person"
    fun safetyPlanRemoveContact(n: Int) = "Remove person $n"
    const val contactName = "Name"
    const val contactPhone = "Phone"
    const val contactSms = "Text (if different)"
    const val contactOther = "Other way to reach them"
    fun callContact(name: String) = "Call $name"
    fun messageContact(name: String) = "Message $name"
    fun safetyPlanReadVersion(version: UInt) = "Read version $version"

    // No app could open a number or address (review 2, B2).
    const val noAppTitle = "No app here can open this"
    const val ok = "OK"
    fun noDiallerSay(number: String) = "This device can't make calls. Call $number from another phone."
    fun noMessagesSay(number: String) = "No messaging app could open. Text $number from another phone."
    fun noMessagesSayWithKeyword(keyword: String, number: String) = "No messaging app could open. Text $keyword to $number from another phone."
    fun noBrowserSay(address: String) = "No browser could open it. Visit $address on another device."
    const val callShort = "Call"
    const val messageShort = "Message"
    const val backToList = "All versions"

    // App lock (issue 20).
    const val appLockTitle = "App lock"
    const val appLockLink = "App lock"
    const val appLockIntro = "When the lock is on, Reset asks for your fingerprint, face or screen lock before it shows anything. " +
        "Crisis lines are always reachable without unlocking."
    const val appLockOff = "Off"
    const val appLockImmediately = "As soon as I leave the app"
    const val appLockImmediatelyNote = "This includes the apps Reset opens for you: a call to a crisis line, the phone's file picker, " +
        "sharing a report. You will be asked again when you come back."
    fun appLockAfter(minutes: Int) = "After $minutes ${if (minutes == 1) "minute" else "minutes"} away"
    const val appLockPlanWhileLocked = "Show my safety plan without unlocking"
    const val appLockPlanWhileLockedNote = "Anyone holding your phone could read it, but you can reach it in a crisis without unlocking."
    const val appLockChangeNeedsAuth = "Changing these settings asks you to authenticate first."
    const val lockedTitle = "Reset is locked"
    const val lockedExplain = "Unlock with your fingerprint, face or screen lock to see your check-ins and journal."
    const val unlock = "Unlock"
    const val lockNow = "Lock now"
    fun failedAttempts(n: Int) = if (n == 1) "1 failed attempt" else "$n failed attempts"
    const val noticeNoCredential = "Your phone has no screen lock, so Reset can't lock itself. Set a PIN, pattern or password in your phone's settings first."
    const val noticeAuthUnavailable = "Your phone can't check who you are right now, so the lock can't be changed. Try again later."
    const val noticeAuthCancelled = "Not unlocked: the check was closed."
    const val noticeAuthFailed = "Not recognised. Try again."
    const val noticeAuthNotShown = "The check didn't open. Tap Unlock to try again."
    const val noticeLockedOut = "Too many attempts. Your phone will let you try again in a while; crisis lines are still here."

    // Health Connect (opt-in in Settings; review A13).
    const val healthConnect = "Write practice sessions to Health Connect"
    const val healthConnectStopTitle = "Stop writing to Health Connect?"
    const val healthConnectStopExplain = "Reset will give back its permission. The practice sessions it already wrote there can be " +
        "deleted now, or kept in Health Connect."
    const val healthConnectDelete = "Delete them"
    const val healthConnectKeep = "Keep them"
    fun healthConnectStopped(stopped: app.resetcompanion.core.health.HealthConnectStop): String? = when (stopped) {
        app.resetcompanion.core.health.HealthConnectStop.DELETED -> "Stopped. The sessions Reset wrote were deleted from Health Connect."
        app.resetcompanion.core.health.HealthConnectStop.KEPT -> "Stopped. The sessions already written stay in Health Connect."
        app.resetcompanion.core.health.HealthConnectStop.NO_PERMISSION ->
            "Stopped. Reset may no longer change Health Connect: delete the sessions there (Health Connect → App permissions → Reset)."
        app.resetcompanion.core.health.HealthConnectStop.NOTHING_THERE -> null
    }
    fun healthConnectNote(outcome: app.resetcompanion.core.health.HealthConnectOutcome): String = when (outcome) {
        app.resetcompanion.core.health.HealthConnectOutcome.UPDATE_REQUIRED -> "Update Health Connect from the Play Store to use this."
        app.resetcompanion.core.health.HealthConnectOutcome.UNSUPPORTED -> "This version of Health Connect can't store mindfulness sessions."
        app.resetcompanion.core.health.HealthConnectOutcome.NO_PERMISSION -> "Reset may not write mindfulness sessions yet: turning this on asks you."
        else ->
            "Finished sessions are written as mindfulness sessions. Turning this off stops new ones and asks whether to delete " +
                "those already written; if you keep them, they stay in Health Connect, where you can delete them later."
    }

    // Privacy (review A5/A9): what the app does with a person's data.
    const val privacyTitle = "How Reset uses your data"
    const val privacyLink = "How Reset uses your data"
    val privacySections = listOf(
        "Everything stays on this phone" to "Your check-ins, journal, questionnaires, safety plan and settings are stored only on this phone, " +
            "in an encrypted database whose key is kept in the phone's secure keystore. Reset has no account, no server, no analytics and no ads, " +
            "and it never sends your data anywhere by itself.",
        "Health Connect" to "If you turn it on, Reset writes your finished practice sessions (type, start and end time) to Health Connect as " +
            "mindfulness sessions, so other apps you allow can see them. It reads nothing from Health Connect. You can turn this off in Settings " +
            "and remove the permission or the sessions in Health Connect at any time.",
        "What leaves the phone, and only when you ask" to "An export for your therapist (PDF, CSV or FHIR) and an encrypted backup are written only " +
            "when you ask, and go only where you send them through the share sheet. The copy Reset made for sharing is deleted afterwards.",
        "Notifications" to "Reminders show only general words (\"Time for your check-in\"), never your moods, answers or notes.",
        "Screenshots and the app lock" to "Screens with your data are hidden from screenshots and the recent-apps view. With the app lock on, " +
            "Reset asks for your fingerprint, face or screen lock before showing anything; crisis lines are always reachable.",
        "Deleting everything" to "Settings → Erase everything deletes the database, its key and any pending reminders from this phone, " +
            "and the practice sessions Reset wrote to Health Connect (while it may still write there).",
    )
}
