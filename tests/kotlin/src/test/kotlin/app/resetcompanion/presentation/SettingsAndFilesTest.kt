package app.resetcompanion.presentation

import app.resetcompanion.core.checkIn
import app.resetcompanion.core.checkIns
import app.resetcompanion.core.health.HealthConnectOutcome
import app.resetcompanion.core.health.HealthConnectStop
import app.resetcompanion.core.health.HealthConnectSync
import app.resetcompanion.core.model.ActivityKind
import app.resetcompanion.core.model.ErrorKind
import app.resetcompanion.core.model.ExportFormat
import app.resetcompanion.core.model.ExportSection
import app.resetcompanion.core.reminders.reminders
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.LocalTime
import java.util.zip.ZipFile

class ReminderSettingsViewModelTest : ViewModelTest() {
    private fun snapshot(n: NotificationPermission, e: ExactAlarmPermission = ExactAlarmPermission.ALLOWED, sdk: Int = 35) = PermissionSnapshot(n, e, sdk)

    @Test
    fun `adding a rule stores it, re-arms alarms, and asks for notifications with context`() {
        platform.snapshot = snapshot(NotificationPermission.NOT_ASKED)
        val vm = graph().reminders()
        assertEquals(PermissionNotice.NONE, vm.state.value.notice, "no reminder yet: nothing to ask")
        assertFalse(vm.state.value.requestNotificationPermission)
        vm.add(ActivityKind.MEDITATION, listOf(LocalTime.parse("08:00")))
        assertEquals(1, vm.state.value.reminders.size)
        assertEquals(1, setUp { reminders() }.size)
        assertEquals(1, platform.remindersChanged)
        assertEquals(PermissionNotice.ASK_NOTIFICATIONS, vm.state.value.notice)
        assertTrue(vm.state.value.requestNotificationPermission)
        platform.snapshot = snapshot(NotificationPermission.GRANTED, ExactAlarmPermission.DENIED)
        vm.onPermissionsChanged()
        assertFalse(vm.state.value.requestNotificationPermission)
        assertEquals(PermissionNotice.INEXACT_TIMING, vm.state.value.notice)
        assertEquals(2, platform.remindersChanged, "a permission change re-plans exact/inexact")
        vm.remove(vm.state.value.reminders[0].id)
        assertTrue(vm.state.value.reminders.isEmpty())
    }

    @Test
    fun `the dialog request is consumed when shown, and a swiped-away dialog is not reopened by itself`() {
        platform.snapshot = snapshot(NotificationPermission.NOT_ASKED)
        val vm = graph().reminders()
        vm.add(ActivityKind.MEDITATION, listOf(LocalTime.parse("08:00")))
        assertTrue(vm.state.value.requestNotificationPermission)
        vm.notificationRequestHandled()
        assertFalse(vm.state.value.requestNotificationPermission, "a rotation while the dialog is up asks nothing")
        vm.onPermissionsChanged() // swiped away: still NOT_ASKED
        assertFalse(vm.state.value.requestNotificationPermission)
        assertEquals(PermissionNotice.ASK_NOTIFICATIONS, vm.state.value.notice, "the notice's button can still ask")
    }

    @Test
    fun `a bad time is an error on times and nothing is stored`() {
        val vm = graph().reminders()
        // A LocalTime cannot be 24:00: the bad time can only come from what the person typed.
        vm.editDraft { it.copy(kind = ActivityKind.JOURNAL, time = "24:00") }
        vm.addDraft()
        assertEquals("times", vm.state.value.error?.field)
        assertTrue(setUp { reminders() }.isEmpty())
        assertEquals(0, platform.remindersChanged)
    }

    @Test
    fun `the notice table`() {
        val withRule = graph().reminders().also { it.add(ActivityKind.CHECKIN, listOf(LocalTime.parse("12:00"))) }.state.value
        fun notice(p: PermissionSnapshot) = ReminderSettingsViewModel.decide(withRule, p)
        assertEquals(PermissionNotice.NONE, notice(PermissionSnapshot.ALL_GRANTED).notice)
        assertEquals(PermissionNotice.NOTIFICATIONS_BLOCKED, notice(snapshot(NotificationPermission.BLOCKED)).notice)
        assertEquals(PermissionNotice.ASK_NOTIFICATIONS, notice(snapshot(NotificationPermission.DENIED)).notice)
        assertFalse(notice(snapshot(NotificationPermission.DENIED)).requestNotificationPermission, "denied once: explain first")
        assertEquals(PermissionNotice.INEXACT_TIMING, notice(snapshot(NotificationPermission.GRANTED, ExactAlarmPermission.DENIED)).notice)
        // Blocked notifications matter more than timing.
        assertEquals(PermissionNotice.NOTIFICATIONS_BLOCKED, notice(snapshot(NotificationPermission.BLOCKED, ExactAlarmPermission.DENIED)).notice)
        // Below Android 13 there is no dialog to show.
        assertFalse(notice(snapshot(NotificationPermission.NOT_ASKED, sdk = 32)).requestNotificationPermission)
        val empty = ReminderSettingsUiState()
        assertEquals(PermissionNotice.NONE, ReminderSettingsViewModel.decide(empty, snapshot(NotificationPermission.BLOCKED)).notice)
    }
}

class ExportViewModelTest : ViewModelTest() {
    @Test
    fun `the preview counts what the core would export and follows the sections`() {
        setUp {
            checkIn(4)
            checkIn(6)
        }
        val vm = graph().export()
        assertEquals(2uL, vm.state.value.preview?.checkIns)
        assertTrue(ExportSection.JOURNAL in vm.state.value.preview!!.sections, "shared entries are in by default")
        vm.toggleSection(ExportSection.JOURNAL)
        assertFalse(ExportSection.JOURNAL in vm.state.value.preview!!.sections)
        vm.toggleSection(ExportSection.CHECK_INS)
        assertFalse(ExportSection.CHECK_INS in vm.state.value.preview!!.sections)
        vm.setRange(java.time.LocalDate.parse("2027-03-30"), java.time.LocalDate.parse("2027-03-01"))
        assertEquals("from", vm.state.value.error?.field)
        assertNull(vm.state.value.preview)
    }

    @Test
    fun `a PDF and a CSV zip are written to the share folder and offered to the share sheet`() {
        setUp { checkIn(4) }
        val vm = graph().export()
        vm.export()
        val pdf = vm.state.value.share!!
        assertEquals("application/pdf", pdf.mimeType)
        assertEquals("reset-report-2027-03-28.pdf", pdf.file.name)
        assertEquals("%PDF-", pdf.file.readBytes().copyOfRange(0, 5).decodeToString())
        assertEquals(1f, vm.state.value.progress)
        vm.shareHandled()
        assertNull(vm.state.value.share)
        vm.setFormat(ExportFormat.CSV)
        vm.export()
        val zip = vm.state.value.share!!
        assertEquals("application/zip", zip.mimeType)
        ZipFile(zip.file).use { z -> assertTrue(z.entries().toList().any { it.name.endsWith(".csv") }) }
    }
}

class BackupViewModelTest : ViewModelTest() {
    private val passphrase = "a long enough passphrase"

    @Test
    fun `a generated passphrase is offered, typed back, and makes a backup`() {
        setUp { checkIn(5) }
        val vm = graph().backup()
        vm.generatePassphrase()
        val generated = vm.state.value.passphrase
        assertEquals(29, generated.length, "five groups of five (ADR 0011)")
        assertFalse(vm.state.value.canCreate, "typed back before use")
        vm.setConfirmation(generated)
        vm.create()
        assertNull(vm.state.value.error)
        assertNotEquals(null, vm.state.value.created)
    }

    @Test
    fun `create needs matching passphrases, then restore brings the profile back`() {
        setUp { checkIn(5) }
        val vm = graph().backup()
        vm.setPassphrase(passphrase)
        vm.setConfirmation("$passphrase!")
        assertFalse(vm.state.value.canCreate)
        vm.create()
        assertEquals("confirmation", vm.state.value.error?.field)
        vm.setConfirmation(passphrase)
        vm.create()
        val share = vm.state.value.share!!
        assertTrue(share.file.length() > 0)
        assertEquals("", vm.state.value.passphrase, "the passphrase is not kept after use")
        assertNotEquals(null, vm.state.value.created)

        setUp { checkIn(2) }
        vm.setMode(BackupMode.RESTORE)
        vm.chooseRestoreFile(share.file)
        vm.setPassphrase("not the passphrase")
        assertFalse(vm.state.value.canRestore, "restore needs an explicit confirmation")
        vm.confirmRestore(true)
        vm.restore()
        assertEquals(ErrorKind.WRONG_KEY, vm.state.value.error?.kind)
        assertEquals(2, setUp { checkIns() }.size, "a failed restore leaves the profile as it was")
        assertTrue(share.file.exists(), "a wrong passphrase keeps the file for another try")
        val rearms = platform.remindersChanged
        vm.setPassphrase(passphrase)
        vm.restore()
        assertNull(vm.state.value.error)
        assertTrue(vm.state.value.restored != null)
        assertEquals(1, setUp { checkIns() }.size)
        assertEquals(rearms + 1, platform.remindersChanged, "the restored reminders are armed at once (review A4)")
        assertFalse(share.file.exists(), "the local copy of the backup is deleted after the restore")
    }

    @Test
    fun `a short passphrase is the core's error`() {
        val vm = graph().backup()
        vm.setPassphrase("short")
        vm.setConfirmation("short")
        vm.create()
        assertEquals("passphrase", vm.state.value.error?.field)
        assertFalse(vm.state.value.working)
    }
}

class SettingsViewModelTest : ViewModelTest() {
    @Test
    fun `crisis resources come from the core for the person's region`() {
        val vm = graph().settings()
        val gb = vm.state.value.crisisResources
        assertTrue(gb.isNotEmpty())
        vm.setRegion("IE")
        assertEquals("IE", vm.state.value.region)
        assertEquals(listOf("116 123", "112"), vm.state.value.crisisResources.mapNotNull { it.phone })
        assertEquals(vm.state.value.crisisResources, graph().crisis().state.value.resources)
        vm.setRegion("XX")
        assertEquals("region", vm.state.value.error?.field)
        assertEquals("IE", graph().settings().state.value.region, "an unknown region is not stored")
    }

    @Test
    fun `erase-all needs the typed word, then erases and tells the platform to drop the key`() {
        setUp { checkIn(5) }
        val vm = graph().settings()
        vm.confirmErase()
        assertEquals(EraseStep.IDLE, vm.state.value.erase)
        vm.requestErase()
        vm.setEraseConfirmationText("erase?")
        assertFalse(vm.state.value.canConfirmErase)
        vm.confirmErase()
        assertEquals(0, platform.erased)
        vm.cancelErase()
        assertEquals(EraseStep.IDLE, vm.state.value.erase)
        vm.requestErase()
        vm.setEraseConfirmationText(" erase ")
        vm.confirmErase()
        assertEquals(EraseStep.ERASED, vm.state.value.erase)
        assertEquals(1, platform.erased)
        assertFalse(java.io.File(dir, "profile.db").exists())
    }

    @Test
    fun `the Health Connect row is hidden without Health Connect, and opting in asks for the permission first`() {
        assertNull(graph().settings().state.value.healthConnect)
        platform.health = HealthConnectOutcome.NO_PERMISSION
        val vm = graph().settings()
        assertFalse(vm.state.value.healthConnectOptedIn)
        assertEquals(HealthConnectOutcome.NO_PERMISSION, vm.state.value.healthConnect)
        vm.setHealthConnectOptIn(true)
        assertEquals(1, platform.healthPermissionRequests)
        assertTrue(vm.state.value.healthConnectOptedIn)
        assertEquals(HealthConnectOutcome.WRITTEN, vm.state.value.healthConnect)
        assertEquals("on", setUp { preference(HealthConnectSync.PREFERENCE) })
        vm.setHealthConnectOptIn(false)
        assertEquals(1, platform.healthPermissionRequests, "turning it off asks for no permission")
        assertTrue(vm.state.value.healthConnectStopAsked, "it asks about the sessions already written (review A13)")
        assertEquals("on", setUp { preference(HealthConnectSync.PREFERENCE) }, "nothing changes before the answer")
        vm.keepHealthConnect()
        assertFalse(vm.state.value.healthConnectStopAsked)
        assertTrue(vm.state.value.healthConnectOptedIn)

        vm.setHealthConnectOptIn(false)
        vm.stopHealthConnect(deleteWritten = false)
        assertEquals(listOf(false), platform.healthStops)
        assertEquals(HealthConnectStop.KEPT, vm.state.value.healthConnectStopped)
        assertFalse(graph().settings().state.value.healthConnectOptedIn)
    }

    @Test
    fun `turning Health Connect off can delete what was written there, and erase-all always does (review A13)`() {
        platform.health = HealthConnectOutcome.WRITTEN
        val vm = graph().settings()
        vm.setHealthConnectOptIn(true)
        vm.setHealthConnectOptIn(false)
        vm.stopHealthConnect(deleteWritten = true)
        assertEquals(listOf(true), platform.healthStops)
        assertEquals(HealthConnectStop.DELETED, vm.state.value.healthConnectStopped)
        assertEquals("off", setUp { preference(HealthConnectSync.PREFERENCE) })

        vm.setHealthConnectOptIn(false) // already off: nothing to ask
        assertFalse(vm.state.value.healthConnectStopAsked)

        vm.setHealthConnectOptIn(true)
        vm.requestErase()
        vm.setEraseConfirmationText(SettingsUiState.ERASE_CONFIRMATION_WORD)
        vm.confirmErase()
        assertEquals(EraseStep.ERASED, vm.state.value.erase)
        assertEquals(listOf(true, true), platform.healthStops, "erase deleted the mirrored sessions while their ids were known")
    }

    @Test
    fun `Health Connect readiness is read again whenever permissions may have changed (review A15)`() {
        platform.health = HealthConnectOutcome.NO_PERMISSION
        val vm = graph().settings()
        assertEquals(HealthConnectOutcome.NO_PERMISSION, vm.state.value.healthConnect)
        // The permission sheet answered into a recreated activity: this screen's own request had returned.
        platform.health = HealthConnectOutcome.WRITTEN
        platform.changes.tryEmit(Unit)
        assertEquals(HealthConnectOutcome.WRITTEN, vm.state.value.healthConnect)
    }

    @Test
    fun `the streak toggle is stored in the core`() {
        val vm = graph().settings()
        vm.setStreakHidden(true)
        assertTrue(graph().settings().state.value.streakHidden)
    }
}
