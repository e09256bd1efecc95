package cn.fengtai.pool.query.reference;

import cn.fengtai.pool.events.reference.ReferenceCodes;
import cn.fengtai.pool.query.web.NotFound;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

/**
 * The district's code lists with their Chinese and English labels, from the same files the rules judge codes by, so
 * that a frontend shows {@code 西罗园街道} for {@code xiluoyuan} without a copy of its own. Public and cacheable: they
 * change only with a release.
 */
@RestController
class ReferenceController {

    @GetMapping("/api/reference/{list}")
    ResponseEntity<List<ReferenceCodes.Label>> list(@PathVariable String list) {
        if (!ReferenceCodes.LISTS.contains(list)) {
            throw new NotFound("no reference list is called '" + (list.length() > 40 ? list.substring(0, 40) : list)
                    + "'; the lists: " + String.join(", ", ReferenceCodes.LISTS));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(ReferenceCodes.labels(list));
    }
}
