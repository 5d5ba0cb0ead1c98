package io.ssosync.testing.clerksim;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** Clerk's list envelope {@code {data, total_count}} with {@code limit}/{@code offset} paging (defaults 10/0). */
final class ListPage {

    private ListPage() {
    }

    static ApiResponse of(List<ObjectNode> matching, ApiRequest request) {
        int limit = request.intQuery("limit", 10);
        int offset = request.intQuery("offset", 0);
        ObjectNode body = Json.object();
        var data = body.putArray("data");
        matching.stream().skip(offset).limit(limit).forEach(data::add);
        body.put("total_count", matching.size());
        return ApiResponse.of(200, body);
    }
}
