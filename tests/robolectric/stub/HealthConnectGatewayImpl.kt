package app.resetcompanion.core.health
// Compile-check stand-in: the real class needs connect-client (Google Maven, unreachable here).
class HealthConnectGatewayImpl(@Suppress("UNUSED_PARAMETER") context: android.content.Context) : HealthConnectGateway {
    override fun sdkStatus() = HealthConnectSdkStatus.UNAVAILABLE
    override suspend fun mindfulnessSupported() = false
    override suspend fun canWriteMindfulness() = false
    override suspend fun insert(records: List<MindfulnessRecordSpec>) {}
    override suspend fun deleteMindfulness(clientRecordIds: List<String>) {}
    override suspend fun revokeAll() {}
    companion object {
        val WRITE: String = "android.permission.health.WRITE_MINDFULNESS"
    }
}
