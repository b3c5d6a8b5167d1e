package app.resetcompanion.presentation

import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import app.resetcompanion.core.model.ResetException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/**
 * The shape every screen's view model shares: one immutable [S] in a [StateFlow], changed only
 * through [update], and core calls launched in `viewModelScope` with their errors turned into
 * [UiError] by [launchCatching]. Owns no domain rules: subclasses call the core wrapper.
 */
abstract class StoreViewModel<S>(initial: S) : ViewModel() {
    private val mutable = MutableStateFlow(initial)

    /** What the screen renders. Collect it with `collectAsStateWithLifecycle()`. */
    val state: StateFlow<S> = mutable.asStateFlow()

    /** The current state (for intents that depend on it). */
    protected val current: S get() = mutable.value

    /** Replaces the state atomically. */
    protected fun update(change: (S) -> S) = mutable.update(change)

    /**
     * Runs [block] in `viewModelScope`. A [ResetException] becomes [onError]'s new state;
     * anything else is a bug and propagates (crashing loudly beats a silent wrong screen).
     */
    protected fun launchCatching(onError: (S, UiError) -> S, block: suspend CoroutineScope.() -> Unit): Job = viewModelScope.launch {
        try {
            block()
        } catch (e: ResetException) {
            update { onError(it, UiError.of(e)) }
        }
    }
}
