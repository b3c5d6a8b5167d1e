package app.resetcompanion.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Email
import androidx.compose.material.icons.filled.Info
import androidx.compose.material.icons.filled.Phone
import androidx.compose.material.icons.filled.Warning
import androidx.compose.material3.Button
import androidx.compose.material3.Icon
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import app.resetcompanion.core.model.CrisisResource
import app.resetcompanion.presentation.CrisisUiState
import app.resetcompanion.presentation.CrisisViewModel
import app.resetcompanion.presentation.SecureWindow

// Crisis resources: the "Get help now" screen behind every top bar, and the list the
// assessment signpost reuses. The numbers and names come from the core's reference data
// (clinical.md, crisis resources by region); this file only lays them out and dials.

/**
 * The crisis screen: an introduction and every resource for the person's region, then — after
 * the lines, never instead of them — the person's safety plan ([showPlan]: false while the app
 * is locked and the person chose to keep the plan behind the lock), so the crisis action reaches
 * the plan in one tap from every screen. [onWritePlan] is null while locked.
 */
@Composable
fun CrisisScreen(state: CrisisUiState, padding: PaddingValues, onOpen: (String) -> Unit, showPlan: Boolean = true, onWritePlan: (() -> Unit)? = null) {
    ScreenColumn(padding) {
        Text(Strings.crisisIntro, style = MaterialTheme.typography.bodyLarge)
        if (state.loading) Loading()
        ErrorBanner(state.error) {}
        CrisisRegionNotice(state.fallbackNotice)
        CrisisResourceList(state.resources, onOpen)
        state.regionCaption?.let { Text(it, style = MaterialTheme.typography.labelMedium) }
        if (showPlan && !state.loading) {
            Text(Strings.safetyPlanAfterLines, style = MaterialTheme.typography.titleLarge, modifier = Modifier.semantics { heading() })
            val plan = state.plan
            if (plan != null) {
                PlanSteps(plan.steps, state.prompts, emptyList(), onOpen)
                onWritePlan?.let { OutlinedButton(onClick = it) { Text(Strings.safetyPlanEdit) } }
            } else if (onWritePlan != null) {
                Text(Strings.safetyPlanNone, style = MaterialTheme.typography.bodyMedium)
                OutlinedButton(onClick = onWritePlan) { Text(Strings.safetyPlanStart) }
            }
        }
    }
}

/**
 * Collects [viewModel]; numbers open through [onContact] (Android: ACTION_DIAL / ACTION_SENDTO),
 * web links through the platform. Secure while the person's plan is on screen.
 */
@Composable
fun CrisisRoute(
    viewModel: CrisisViewModel,
    padding: PaddingValues,
    onContact: (String) -> Unit,
    secureWindow: SecureWindow = SecureWindow.None,
    showPlan: Boolean = true,
    onWritePlan: (() -> Unit)? = null,
) {
    val state by viewModel.state.collectAsStateWithLifecycle()
    RefreshWhenShown { viewModel.refresh() }
    if (showPlan && state.plan != null) SecureWhileShown(secureWindow)
    CrisisScreen(state, padding, onContact, showPlan, onWritePlan)
}

/** Test tag on the line saying the crisis lines are not for the person's region. */
const val CRISIS_REGION_NOTICE_TAG = "crisis-region-notice"

/**
 * The honest line before crisis lines that are another country's (new-user review F30); nothing
 * when [notice] is null (the lines are the person's region's).
 */
@Composable
fun CrisisRegionNotice(notice: String?) {
    if (notice == null) return
    Row(
        modifier = Modifier.testTag(CRISIS_REGION_NOTICE_TAG),
        horizontalArrangement = Arrangement.spacedBy(8.dp),
    ) {
        Icon(Icons.Filled.Warning, contentDescription = null, tint = MaterialTheme.colorScheme.error)
        Text(notice, style = MaterialTheme.typography.bodyLarge)
    }
}

/** One card per resource with a button per way to reach it; buttons name the service for TalkBack. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun CrisisResourceList(resources: List<CrisisResource>, onOpen: (String) -> Unit) {
    Column(verticalArrangement = Arrangement.spacedBy(12.dp)) {
        resources.forEach { r ->
            SectionCard(r.name) {
                Text(r.description, style = MaterialTheme.typography.bodyMedium)
                FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    r.phone?.let { phone ->
                        Button(
                            onClick = { onOpen("tel:${phone.filter { c -> c.isDigit() || c == '+' }}") },
                            modifier = Modifier.semantics { contentDescription = "${Strings.call} ${r.name}, $phone" },
                        ) {
                            ButtonLabel(Icons.Filled.Phone, "${Strings.call} $phone")
                        }
                    }
                    r.smsTo?.let { to ->
                        OutlinedButton(
                            onClick = { onOpen("sms:$to" + (r.smsBody?.let { "?body=$it" } ?: "")) },
                            modifier = Modifier.semantics { contentDescription = "${Strings.text} ${r.name}, ${r.text ?: to}" },
                        ) {
                            ButtonLabel(Icons.Filled.Email, r.text ?: "${Strings.text} $to")
                        }
                    }
                    r.url?.let { url ->
                        OutlinedButton(
                            onClick = { onOpen(url) },
                            modifier = Modifier.semantics { contentDescription = "${Strings.website} ${r.name}" },
                        ) {
                            ButtonLabel(Icons.Filled.Info, Strings.website)
                        }
                    }
                }
            }
        }
    }
}
