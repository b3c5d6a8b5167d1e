// MindfulnessSessionRecord is behind the ExperimentalMindfulnessSessionApi opt-in in
// connect-client 1.1.0; its reference page says inserting it depends on the Health Connect
// version on the device, checked with FEATURE_MINDFULNESS_SESSION (mindfulnessSupported below,
// called by HealthConnectSync before every write).
@file:OptIn(ExperimentalMindfulnessSessionApi::class)

package app.resetcompanion.core.health

import android.content.Context
import androidx.health.connect.client.HealthConnectClient
import androidx.health.connect.client.HealthConnectFeatures
import androidx.health.connect.client.feature.ExperimentalMindfulnessSessionApi
import androidx.health.connect.client.permission.HealthPermission
import androidx.health.connect.client.records.MindfulnessSessionRecord
import androidx.health.connect.client.records.metadata.Device
import androidx.health.connect.client.records.metadata.Metadata

// Android-only (src/android, compiled by Gradle, not by the JVM harness): the Health Connect
// client behind [HealthConnectGateway]. HealthConnectSync decides when to call it; this file
// only translates. Written against connect-client 1.1.0 (MindfulnessSessionRecord,
// HealthConnectFeatures, Metadata factories); not compiled on the Linux CI machine.

/** [HealthConnectGateway] over `HealthConnectClient`. */
class HealthConnectGatewayImpl(private val context: Context) : HealthConnectGateway {
    private val client by lazy { HealthConnectClient.getOrCreate(context) }

    override fun sdkStatus(): HealthConnectSdkStatus = when (HealthConnectClient.getSdkStatus(context)) {
        HealthConnectClient.SDK_AVAILABLE -> HealthConnectSdkStatus.AVAILABLE
        HealthConnectClient.SDK_UNAVAILABLE_PROVIDER_UPDATE_REQUIRED -> HealthConnectSdkStatus.UPDATE_REQUIRED
        else -> HealthConnectSdkStatus.UNAVAILABLE
    }

    override suspend fun mindfulnessSupported(): Boolean = client.features.getFeatureStatus(HealthConnectFeatures.FEATURE_MINDFULNESS_SESSION) ==
        HealthConnectFeatures.FEATURE_STATUS_AVAILABLE

    override suspend fun canWriteMindfulness(): Boolean = WRITE in client.permissionController.getGrantedPermissions()

    override suspend fun insert(records: List<MindfulnessRecordSpec>) {
        client.insertRecords(records.map { it.toRecord() })
    }

    override suspend fun deleteMindfulness(clientRecordIds: List<String>) {
        client.deleteRecords(MindfulnessSessionRecord::class, recordIdsList = emptyList(), clientRecordIdsList = clientRecordIds)
    }

    override suspend fun revokeAll() {
        client.permissionController.revokeAllPermissions()
    }

    companion object {
        /** The permission string to request with `PermissionController.createRequestPermissionResultContract()`. */
        val WRITE: String = HealthPermission.getWritePermission(MindfulnessSessionRecord::class)
    }
}

/** The real record. The timer is started and stopped by the person on this phone: "actively recorded". */
internal fun MindfulnessRecordSpec.toRecord() = MindfulnessSessionRecord(
    startTime = startTime,
    startZoneOffset = startZoneOffset,
    endTime = endTime,
    endZoneOffset = endZoneOffset,
    metadata = Metadata.activelyRecorded(
        device = Device(type = Device.TYPE_PHONE),
        clientRecordId = clientRecordId,
        clientRecordVersion = clientRecordVersion,
    ),
    mindfulnessSessionType = sessionType(sessionTypeName),
    title = title,
    notes = null,
)

/** The core names the constant; unknown names fall back to the generic type rather than failing. */
internal fun sessionType(name: String): Int = when (name) {
    "MINDFULNESS_SESSION_TYPE_MEDITATION" -> MindfulnessSessionRecord.MINDFULNESS_SESSION_TYPE_MEDITATION
    "MINDFULNESS_SESSION_TYPE_BREATHING" -> MindfulnessSessionRecord.MINDFULNESS_SESSION_TYPE_BREATHING
    "MINDFULNESS_SESSION_TYPE_MUSIC" -> MindfulnessSessionRecord.MINDFULNESS_SESSION_TYPE_MUSIC
    "MINDFULNESS_SESSION_TYPE_MOVEMENT" -> MindfulnessSessionRecord.MINDFULNESS_SESSION_TYPE_MOVEMENT
    "MINDFULNESS_SESSION_TYPE_UNGUIDED" -> MindfulnessSessionRecord.MINDFULNESS_SESSION_TYPE_UNGUIDED
    else -> MindfulnessSessionRecord.MINDFULNESS_SESSION_TYPE_UNKNOWN
}
