package app.resetcompanion.presentation

import androidx.lifecycle.viewModelScope
import app.resetcompanion.core.ResetStore
import app.resetcompanion.core.Status
import app.resetcompanion.core.crisisRegion
import app.resetcompanion.core.crisisResources
import app.resetcompanion.core.health.HealthConnectOutcome
import app.resetcompanion.core.health.HealthConnectStop
import app.resetcompanion.core.health.HealthConnectSync
import app.resetcompanion.core.model.CrisisRegion
import app.resetcompanion.core.model.CrisisResource
import app.resetcompanion.core.practiceSummary
import app.resetcompanion.core.safetyPlan
import app.resetcompanion.core.setStreakHidden
import kotlinx.coroutines.launch

/** Erase-all is two steps so one stray tap can never delete everything. */
enum class EraseStep { IDLE, CONFIRMING, ERASING, ERASED }

/** Settings: profile status, the streak toggle, crisis resources, and erase-all. */
data class SettingsUiState(
    val status: Status? = null,
    val region: String? = null,
    val streakHidden: Boolean = false,
    /** From the core's reference data for the person's region; never hard-coded here. */
    val crisisResources: List<CrisisResource> = emptyList(),
    /** Mirror practice sessions to Health Connect (opt-in, off by default). */
    val healthConnectOptedIn: Boolean = false,
    /** Whether a write would work now, or why not; null hides the row (no Health Connect here). */
    val healthConnect: HealthConnectOutcome? = null,
    /** Turning the mirror off asks first whether to delete the sessions already written there (review A13). */
    val healthConnectStopAsked: Boolean = false,
    /** What turning it off did there, for the note under the switch. */
    val healthConnectStopped: HealthConnectStop? = null,
    val erase: EraseStep = EraseStep.IDLE,
    /** What the person typed into the confirmation box. */
    val eraseConfirmationText: String = "",
    val error: UiError? = null,
) {
    /** The erase button is enabled only once [ERASE_CONFIRMATION_WORD] is typed. */
    val canConfirmErase: Boolean
        get() = erase == EraseStep.CONFIRMING && eraseConfirmationText.trim().equals(ERASE_CONFIRMATION_WORD, ignoreCase = true)

    companion object {
        const val ERASE_CONFIRMATION_WORD = "ERASE"
    }
}

/** Reads and changes settings; erase-all deletes the profile and then asks the platform to drop the key. */
class SettingsViewModel(private val store: ResetStore, private val platform: PlatformHooks) : StoreViewModel<SettingsUiState>(SettingsUiState()) {
    init {
        refresh()
        // Back from Health Connect's permission screen, or from its settings: read readiness again.
        // The screen's own request may have returned early (the activity was recreated while the
        // sheet was up), so this is what keeps the switch's note right (review A15).
        viewModelScope.launch { platform.permissionChanges.collect { refreshHealthConnect() } }
    }

    /** Re-reads whether Health Connect would take a session now. */
    fun refreshHealthConnect() = launchCatching(::failed) {
        val health = platform.healthConnectReadiness()
        update { it.copy(healthConnect = health) }
    }

    fun refresh() = launchCatching(::failed) {
        val status = store.status()
        val region = store.preference(REGION_PREFERENCE)
        val resources = store.crisisResources()
        val hidden = store.practiceSummary().streakHidden
        val optedIn = store.preference(HealthConnectSync.PREFERENCE) == "on"
        val health = platform.healthConnectReadiness()
        update {
            it.copy(
                status = status,
                region = region,
                crisisResources = resources,
                streakHidden = hidden,
                healthConnectOptedIn = optedIn,
                healthConnect = health,
            )
        }
    }

    /**
     * Turns the Health Connect mirror on or off. Turning it on asks for the write permission
     * first when it is missing; the preference records the choice either way.
     */
    fun setHealthConnectOptIn(on: Boolean) {
        if (!on) return update { it.copy(healthConnectStopAsked = it.healthConnectOptedIn) }
        launchCatching(::failed) {
            if (platform.healthConnectReadiness() == HealthConnectOutcome.NO_PERMISSION) platform.requestHealthConnectPermission()
            store.setPreference(HealthConnectSync.PREFERENCE, "on")
            val health = platform.healthConnectReadiness()
            update { it.copy(healthConnectOptedIn = true, healthConnect = health, healthConnectStopped = null) }
        }
    }

    /** Turns the mirror off, deleting the sessions written there when [deleteWritten], and gives the permission back. */
    fun stopHealthConnect(deleteWritten: Boolean) {
        update { it.copy(healthConnectStopAsked = false) }
        launchCatching(::failed) {
            val stopped = platform.stopHealthConnect(deleteWritten)
            store.setPreference(HealthConnectSync.PREFERENCE, "off") // also where there is no Health Connect
            val health = platform.healthConnectReadiness()
            update { it.copy(healthConnectOptedIn = false, healthConnect = health, healthConnectStopped = stopped) }
        }
    }

    /** Keeps the mirror on after all. */
    fun keepHealthConnect() = update { it.copy(healthConnectStopAsked = false) }

    /** Sets the region (`GB`, `US`, `IE`) that picks crisis resources; an unknown one is refused, not stored. */
    fun setRegion(region: String) = launchCatching(::failed) {
        // Asking the core for the region's resources first validates it.
        val resources = store.crisisResources(region)
        store.setPreference(REGION_PREFERENCE, region)
        update { it.copy(region = region, crisisResources = resources, error = null) }
    }

    fun setStreakHidden(hidden: Boolean) = launchCatching(::failed) {
        store.setStreakHidden(hidden)
        update { it.copy(streakHidden = hidden) }
    }

    fun requestErase() = update { it.copy(erase = EraseStep.CONFIRMING, eraseConfirmationText = "") }
    fun setEraseConfirmationText(text: String) = update { it.copy(eraseConfirmationText = text) }
    fun cancelErase() = update { it.copy(erase = EraseStep.IDLE, eraseConfirmationText = "") }

    /** Deletes every record and the database files, then the key (through the platform). */
    fun confirmErase() {
        if (!current.canConfirmErase) return
        update { it.copy(erase = EraseStep.ERASING) }
        launchCatching({ s, e -> s.copy(erase = EraseStep.CONFIRMING, error = e) }) {
            // Everything includes the sessions mirrored to Health Connect, while the profile still
            // knows their ids (review A13); a Health Connect failure never stops the erase.
            if (store.preference(HealthConnectSync.PREFERENCE) == "on") platform.stopHealthConnect(deleteWritten = true)
            store.eraseAll()
            platform.profileErased()
            update { SettingsUiState(erase = EraseStep.ERASED) }
        }
    }

    fun dismissError() = update { it.copy(error = null) }

    private fun failed(s: SettingsUiState, e: UiError) = s.copy(error = e)

    companion object {
        /** The preference the core reads for the person's region. */
        const val REGION_PREFERENCE = "region"
    }
}

/** The "Get help now" screen, one tap from every screen: the crisis lines, then the person's safety plan. */
data class CrisisUiState(
    val loading: Boolean = true,
    val resources: List<CrisisResource> = emptyList(),
    /** The region the lines are for, and whether it is only the core's fallback (F30). */
    val region: CrisisRegion? = null,
    /** The newest safety plan (shown after the lines, never instead of them), or null. */
    val plan: app.resetcompanion.core.model.SafetyPlan? = null,
    val prompts: List<app.resetcompanion.core.model.SafetyPlanPrompt> = emptyList(),
    val error: UiError? = null,
) {
    /** Said before the lines when they are not for the person's region (new-user review F30). */
    val fallbackNotice: String? get() = region?.let { CrisisRegionText.fallbackNotice(it) }

    /** "Lines for Ireland": which region's lines these are. */
    val regionCaption: String? get() = region?.let { CrisisRegionText.caption(it.regionName, it.regionIsFallback) }
}

/** Loads crisis resources for the person's region from the core, then the safety plan. */
class CrisisViewModel(private val store: ResetStore) : StoreViewModel<CrisisUiState>(CrisisUiState()) {
    init {
        refresh()
    }

    fun refresh() = launchCatching({ s, e -> s.copy(loading = false, error = e) }) {
        // The lines first: a plan that fails to load never holds them back.
        val region = store.crisisRegion()
        update { it.copy(loading = false, resources = region.resources, region = region) }
        val plan = store.safetyPlan()
        update { it.copy(plan = plan, prompts = app.resetcompanion.core.SafetyPlanSteps.prompts) }
    }
}
