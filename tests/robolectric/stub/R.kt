package app.resetcompanion.app

// Compile-check stand-in for the R class aapt generates from android/app/src/main/res (the
// Android Gradle plugin is not reachable here). The names must exist in res/: the Robolectric
// test ResourcesExistTest reads them back from the XML files. The values are never used at run
// time on the JVM (tests supply their own ReminderLook).
@Suppress("ClassName", "ktlint:standard:class-naming")
object R {
    object drawable {
        const val ic_notification = 0x7f010001
    }

    object string {
        const val reminder_done = 0x7f020001
        const val reminder_snooze = 0x7f020002
        const val channel_meditation = 0x7f020003
        const val channel_checkin = 0x7f020004
        const val channel_journal = 0x7f020005
        const val channel_programme = 0x7f020006
        const val channel_assessment = 0x7f020007
        const val channel_practice_end = 0x7f020008
        const val practice_ended_title = 0x7f020009
        const val practice_ended_text = 0x7f02000a
        const val reminder_title_meditation = 0x7f02000b
        const val reminder_body_meditation = 0x7f02000c
        const val reminder_title_checkin = 0x7f02000d
        const val reminder_body_checkin = 0x7f02000e
        const val reminder_title_journal = 0x7f02000f
        const val reminder_body_journal = 0x7f020010
        const val reminder_title_programme = 0x7f020011
        const val reminder_body_programme = 0x7f020012
        const val reminder_title_assessment = 0x7f020013
        const val reminder_body_assessment = 0x7f020014
    }
}
