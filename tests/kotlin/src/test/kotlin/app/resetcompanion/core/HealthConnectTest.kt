package app.resetcompanion.core

import app.resetcompanion.core.health.HealthConnectGateway
import app.resetcompanion.core.health.HealthConnectOutcome
import app.resetcompanion.core.health.HealthConnectSdkStatus
import app.resetcompanion.core.health.HealthConnectStop
import app.resetcompanion.core.health.HealthConnectSync
import app.resetcompanion.core.health.MindfulnessRecordSpec
import app.resetcompanion.core.health.toMindfulnessRecord
import app.resetcompanion.core.model.PracticeTechnique
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.Instant
import java.time.ZoneOffset

class FakeHealthConnect(
    var status: HealthConnectSdkStatus = HealthConnectSdkStatus.AVAILABLE,
    var mindfulness: Boolean = true,
    var permission: Boolean = true,
) : HealthConnectGateway {
    val written = mutableListOf<MindfulnessRecordSpec>()
    var featureAsked = 0

    override fun sdkStatus() = status
    override suspend fun mindfulnessSupported(): Boolean {
        featureAsked++
        return mindfulness
    }
    override suspend fun canWriteMindfulness() = permission
    override suspend fun insert(records: List<MindfulnessRecordSpec>) {
        // Health Connect replaces a record with the same client id and version: model that.
        records.forEach { r ->
            written.removeAll { it.clientRecordId == r.clientRecordId }
            written += r
        }
    }

    /** Each deleteRecords call's ids, in order. */
    val deleteCalls = mutableListOf<List<String>>()
    var revoked = 0

    override suspend fun deleteMindfulness(clientRecordIds: List<String>) {
        check(permission) { "Health Connect refuses a delete without the write permission" }
        deleteCalls += clientRecordIds
        written.removeAll { it.clientRecordId in clientRecordIds }
    }

    override suspend fun revokeAll() {
        revoked++
        permission = false
    }
}

class HealthConnectTest {
    @Test
    fun `a session across the spring-forward change keeps both offsets and the core's type and id`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            // 00:50Z is 00:50 GMT; 20 minutes later it is 02:10 BST (clocks went forward at 01:00Z).
            val session = store.logPractice(PracticeTechnique.BREATHING, minutes = 20, startedAt = Instant.parse("2027-03-28T00:50:00Z"))
            val spec = session.toMindfulnessRecord()
            assertEquals(Instant.parse("2027-03-28T00:50:00Z"), spec.startTime)
            assertEquals(Instant.parse("2027-03-28T01:10:00Z"), spec.endTime)
            assertEquals(ZoneOffset.UTC, spec.startZoneOffset)
            assertEquals(ZoneOffset.ofHours(1), spec.endZoneOffset)
            assertEquals("MINDFULNESS_SESSION_TYPE_BREATHING", spec.sessionTypeName)
            assertEquals(session.externalId, spec.clientRecordId)
            assertTrue(spec.clientRecordId.startsWith("reset-practice-"))
            assertNull(spec.title)
            val scan = store.logPractice(PracticeTechnique.BODY_SCAN, minutes = 5).toMindfulnessRecord()
            assertEquals("MINDFULNESS_SESSION_TYPE_MEDITATION", scan.sessionTypeName)
        }
    }

    @Test
    fun `nothing is written until the person opts in, and a retry never duplicates`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            val hc = FakeHealthConnect()
            val sync = HealthConnectSync(store, hc)
            val session = store.logPractice(PracticeTechnique.MEDITATION, minutes = 10)
            assertEquals(HealthConnectOutcome.NOT_OPTED_IN, sync.onPracticeLogged(session))
            assertTrue(hc.written.isEmpty())
            sync.setOptedIn(true)
            assertTrue(sync.isOptedIn())
            assertEquals(HealthConnectOutcome.WRITTEN, sync.onPracticeLogged(session))
            assertEquals(HealthConnectOutcome.WRITTEN, sync.onPracticeLogged(session))
            assertEquals(1, hc.written.size)
        }
    }

    @Test
    fun `availability, feature and permission are checked in order`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            val hc = FakeHealthConnect()
            val sync = HealthConnectSync(store, hc).also { it.setOptedIn(true) }
            val session = store.logPractice(PracticeTechnique.MEDITATION, minutes = 10)
            hc.status = HealthConnectSdkStatus.UNAVAILABLE
            assertEquals(HealthConnectOutcome.UNAVAILABLE, sync.onPracticeLogged(session))
            assertEquals(0, hc.featureAsked, "the feature API is not called without the SDK")
            hc.status = HealthConnectSdkStatus.UPDATE_REQUIRED
            assertEquals(HealthConnectOutcome.UPDATE_REQUIRED, sync.onPracticeLogged(session))
            hc.status = HealthConnectSdkStatus.AVAILABLE
            hc.mindfulness = false
            assertEquals(HealthConnectOutcome.UNSUPPORTED, sync.onPracticeLogged(session))
            hc.mindfulness = true
            hc.permission = false
            assertEquals(HealthConnectOutcome.NO_PERMISSION, sync.onPracticeLogged(session))
            assertTrue(hc.written.isEmpty())
            hc.permission = true
            assertEquals(HealthConnectOutcome.WRITTEN, sync.readiness())
        }
    }

    @Test
    fun `turning the mirror off deletes what it wrote while it still may, then gives the permission back (review A13)`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            val hc = FakeHealthConnect()
            val sync = HealthConnectSync(store, hc)
            sync.setOptedIn(true)
            val sessions = (1..3).map { store.logPractice(PracticeTechnique.MEDITATION, minutes = 10, startedAt = Instant.parse("2027-03-2${it}T07:00:00Z")) }
            sessions.forEach { sync.onPracticeLogged(it) }
            assertEquals(3, hc.written.size)

            assertEquals(HealthConnectStop.DELETED, sync.stop(deleteWritten = true))
            assertEquals(listOf(sessions.map { it.externalId }), hc.deleteCalls)
            assertTrue(hc.written.isEmpty())
            assertEquals(1, hc.revoked)
            assertEquals(false, sync.isOptedIn())
        }
    }

    @Test
    fun `keeping the sessions only gives the permission back, and without it nothing can be deleted`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            val hc = FakeHealthConnect()
            val sync = HealthConnectSync(store, hc)
            sync.setOptedIn(true)
            sync.onPracticeLogged(store.logPractice(PracticeTechnique.BREATHING, minutes = 5))
            assertEquals(HealthConnectStop.KEPT, sync.stop(deleteWritten = false))
            assertEquals(1, hc.written.size)
            assertEquals(1, hc.revoked)
            assertTrue(hc.deleteCalls.isEmpty())

            sync.setOptedIn(true) // the permission is gone now (revoked, or removed in Health Connect)
            assertEquals(HealthConnectStop.NO_PERMISSION, sync.stop(deleteWritten = true))
            assertEquals(1, hc.written.size, "still there: the person is told to delete them in Health Connect")
            assertEquals(false, sync.isOptedIn())

            val none = FakeHealthConnect(status = HealthConnectSdkStatus.UNAVAILABLE)
            assertEquals(HealthConnectStop.NOTHING_THERE, HealthConnectSync(store, none).stop(deleteWritten = true))
            assertEquals(0, none.revoked)
        }
    }

    @Test
    fun `many sessions are deleted in batches`() = runBlocking<Unit> {
        openStore(scratchDir()).use { store ->
            val hc = FakeHealthConnect()
            val start = Instant.parse("2027-01-01T07:00:00Z")
            repeat(HealthConnectSync.DELETE_BATCH + 3) {
                store.logPractice(PracticeTechnique.MEDITATION, minutes = 1, startedAt = start.plusSeconds(it * 3_600L))
            }
            HealthConnectSync(store, hc).stop(deleteWritten = true)
            assertEquals(listOf(HealthConnectSync.DELETE_BATCH, 3), hc.deleteCalls.map { it.size })
        }
    }
}
