package app.resetcompanion.app.ui

import app.resetcompanion.core.model.ActivityKind

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
    const val sharedWithTherapist = "Shared with therapist"
    const val deleteEntry = "Delete entry"

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
    const val shareWithTherapist = "Share with my therapist"
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
    fun regionResources(region: String) = "Resources for $region"

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

    // Reminders.
    const val remindersTitle = "Reminders"
    const val noReminders = "No reminders yet."
    const val addReminder = "Add reminder"
    const val time = "Time (HH:MM)"
    const val kind = "For"
    const val removeReminder = "Remove reminder"
    fun pausedUntil(date: String) = "Paused until $date"

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
    const val eraseExplain = "Deletes every check-in, journal entry, questionnaire and setting on this device. This can't be undone."
    fun eraseTypePrompt(word: String) = "Type $word to confirm"
    const val eraseConfirm = "Erase everything"
    const val erased = "Everything was erased."
}
