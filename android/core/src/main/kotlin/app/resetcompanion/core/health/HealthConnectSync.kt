package app.resetcompanion.core.health

import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.endInstant
import app.resetcompanion.core.endZoneOffset
import app.resetcompanion.core.model.PracticeSession
import app.resetcompanion.core.practiceSessions
import app.resetcompanion.core.startInstant
import app.resetcompanion.core.startZoneOffset
import java.time.Instant
import java.time.ZoneOffset

// Mirrors logged practice sessions to Health Connect as MindfulnessSessionRecords, opt-in.
// The decisions (is Health Connect there, does it support mindfulness, did the person opt in
// and grant the permission) and the record mapping are plain Kotlin tested on the JVM; the
// Health Connect client calls live in HealthConnectGatewayImpl (src/android), behind
// [HealthConnectGateway]. The core decides the session type and the stable external id.

/** `HealthConnectClient.getSdkStatus`, as an enum. */
enum class HealthConnectSdkStatus {
    /** `SDK_AVAILABLE`. */
    AVAILABLE,

    /** `SDK_UNAVAILABLE`: not installed / not supported on this device. */
    UNAVAILABLE,

    /** `SDK_UNAVAILABLE_PROVIDER_UPDATE_REQUIRED`: installed but too old. */
    UPDATE_REQUIRED,
}

/** What Health Connect can do on this device, read fresh before each write. */
interface HealthConnectGateway {
    fun sdkStatus(): HealthConnectSdkStatus

    /** `features.getFeatureStatus(FEATURE_MINDFULNESS_SESSION) == FEATURE_STATUS_AVAILABLE` (only asked when the SDK is available). */
    suspend fun mindfulnessSupported(): Boolean

    /** `WRITE_MINDFULNESS` is among `permissionController.getGrantedPermissions()`. */
    suspend fun canWriteMindfulness(): Boolean

    /** Inserts (or, for the same client record id and version, replaces) the records. */
    suspend fun insert(records: List<MindfulnessRecordSpec>)

    /**
     * Deletes this app's `MindfulnessSessionRecord`s with these client record ids
     * (`deleteRecords(MindfulnessSessionRecord::class, recordIdsList = emptyList(), clientRecordIdsList = ids)`;
     * ids with no record are skipped). Needs the write permission: call before [revokeAll].
     */
    suspend fun deleteMindfulness(clientRecordIds: List<String>)

    /** Gives back every Health Connect permission (`permissionController.revokeAllPermissions()`). */
    suspend fun revokeAll()
}

/** What turning the mirror off did in Health Connect (review A13). */
enum class HealthConnectStop {
    /** The sessions Reset wrote were deleted there, and the permission given back. */
    DELETED,

    /** The sessions stay there (the person chose so); the permission was given back. */
    KEPT,

    /** Reset may no longer write there, so it could not delete: the person can delete them in Health Connect. */
    NO_PERMISSION,

    /** No Health Connect (or no mindfulness sessions) on this device: nothing was written there. */
    NOTHING_THERE,
}

/** A `MindfulnessSessionRecord` in plain values; the Android gateway builds the real record from it. */
data class MindfulnessRecordSpec(
    val startTime: Instant,
    val startZoneOffset: ZoneOffset,
    val endTime: Instant,
    val endZoneOffset: ZoneOffset,
    /** The constant's name, e.g. `MINDFULNESS_SESSION_TYPE_BREATHING` (from the core). */
    val sessionTypeName: String,
    /** `Metadata.clientRecordId`: the core's stable external id, so a retry replaces, never duplicates. */
    val clientRecordId: String,
    /** Sessions never change once logged. */
    val clientRecordVersion: Long = 1,
    val title: String?,
)

/** What happened to one session. */
enum class HealthConnectOutcome {
    WRITTEN,

    /** The person has not turned Health Connect on in Settings. */
    NOT_OPTED_IN,

    /** Health Connect is not on this device. */
    UNAVAILABLE,

    /** Health Connect must be updated first (offer the Play Store link). */
    UPDATE_REQUIRED,

    /** This Health Connect version has no mindfulness sessions. */
    UNSUPPORTED,

    /** Opted in, but `WRITE_MINDFULNESS` is not granted (ask again from Settings). */
    NO_PERMISSION,
}

/** Decides whether to write, and writes. */
class HealthConnectSync(private val store: ResetStore, private val gateway: HealthConnectGateway) {
    /** Whether the person turned the mirror on (stored in the encrypted profile). */
    suspend fun isOptedIn(): Boolean = store.preference(PREFERENCE) == "on"

    suspend fun setOptedIn(on: Boolean) = store.setPreference(PREFERENCE, if (on) "on" else "off")

    /** Call after the core logged [session]; safe to call again (same client record id). */
    suspend fun onPracticeLogged(session: PracticeSession): HealthConnectOutcome {
        if (!isOptedIn()) return HealthConnectOutcome.NOT_OPTED_IN
        val ready = readiness()
        if (ready != HealthConnectOutcome.WRITTEN) return ready
        gateway.insert(listOf(session.toMindfulnessRecord()))
        return HealthConnectOutcome.WRITTEN
    }

    /**
     * Turns the mirror off (review A13): with [deleteWritten], deletes every session this profile
     * wrote there (by the core's stable ids, in batches of [DELETE_BATCH]) while the permission
     * still allows it; then gives the permission back, so nothing more can be written. The
     * opt-in is off whatever Health Connect answers.
     */
    suspend fun stop(deleteWritten: Boolean): HealthConnectStop {
        setOptedIn(false)
        if (gateway.sdkStatus() != HealthConnectSdkStatus.AVAILABLE || !gateway.mindfulnessSupported()) return HealthConnectStop.NOTHING_THERE
        if (!gateway.canWriteMindfulness()) return if (deleteWritten) HealthConnectStop.NO_PERMISSION else HealthConnectStop.KEPT
        if (deleteWritten) store.practiceSessions().map { it.externalId }.chunked(DELETE_BATCH).forEach { gateway.deleteMindfulness(it) }
        gateway.revokeAll()
        return if (deleteWritten) HealthConnectStop.DELETED else HealthConnectStop.KEPT
    }

    /** Whether a write would go through now ([HealthConnectOutcome.WRITTEN]) or why not; for the Settings row. */
    suspend fun readiness(): HealthConnectOutcome = when (gateway.sdkStatus()) {
        HealthConnectSdkStatus.UNAVAILABLE -> HealthConnectOutcome.UNAVAILABLE
        HealthConnectSdkStatus.UPDATE_REQUIRED -> HealthConnectOutcome.UPDATE_REQUIRED
        HealthConnectSdkStatus.AVAILABLE -> when {
            !gateway.mindfulnessSupported() -> HealthConnectOutcome.UNSUPPORTED
            !gateway.canWriteMindfulness() -> HealthConnectOutcome.NO_PERMISSION
            else -> HealthConnectOutcome.WRITTEN
        }
    }

    companion object {
        /** The profile preference holding the opt-in. */
        const val PREFERENCE = "health_connect"

        /** Ids per `deleteRecords` call: kept well under Health Connect's per-request limits. */
        const val DELETE_BATCH = 500

        /** The permission to declare and request (manifest: `android.permission.health.WRITE_MINDFULNESS`). */
        const val WRITE_PERMISSION = "android.permission.health.WRITE_MINDFULNESS"
    }
}

/**
 * The record for a session: times and offsets as the core stored them (the offsets are the
 * person's at the start and end, so a session across a DST change keeps both).
 */
fun PracticeSession.toMindfulnessRecord(): MindfulnessRecordSpec = MindfulnessRecordSpec(
    startTime = startInstant,
    startZoneOffset = startZoneOffset,
    endTime = endInstant,
    endZoneOffset = endZoneOffset,
    sessionTypeName = healthConnectType,
    clientRecordId = externalId,
    title = null, // Titles would show in other apps; the session type says enough.
)
